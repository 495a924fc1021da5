/** Admin API for sync sites. */
package org.supplysync.web.site;
