/** Admin API for batch jobs. */
package org.supplysync.web.batch;
