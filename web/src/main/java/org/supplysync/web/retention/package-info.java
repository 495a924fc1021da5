/** The retention cleanup, run at once by an administrator. */
package org.supplysync.web.retention;
