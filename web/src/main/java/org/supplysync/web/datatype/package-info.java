/** Admin API for the data-type registry. */
package org.supplysync.web.datatype;
