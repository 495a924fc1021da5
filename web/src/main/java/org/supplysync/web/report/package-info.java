/** Admin API of the reports across stores, as JSON or CSV. */
package org.supplysync.web.report;
