/** The reporting projection: which records count in the reports, as what, and its upkeep with the central copy. */
package org.supplysync.report.control;
