/**
 * Reports across stores (stock on hand, its value, monthly usage), read from a projection of the central copy that
 * the intake keeps up to date in its own transaction, so that a report never parses the records it counts.
 */
package org.supplysync.report;
