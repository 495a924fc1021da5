/** Each site's queue: pull and acknowledge. */
package org.supplysync.queue;
