/** The central dashboard: its static pages (under /dashboard/), which read everything through the admin API. */
package org.supplysync.web.dashboard;
