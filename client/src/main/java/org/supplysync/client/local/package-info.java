/** The site's own database: one SQLite file holding its records, its change log, its sync buffer and settings. */
package org.supplysync.client.local;
