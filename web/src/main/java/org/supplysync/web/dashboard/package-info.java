/** Admin API of the central dashboard: every site's sync health at a glance, and the dashboard's settings. */
package org.supplysync.web.dashboard;
