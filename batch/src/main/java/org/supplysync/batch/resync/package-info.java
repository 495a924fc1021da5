/**
 * The chunk step every resync job shares: pages of the central copy that a site must hold, read through the routing
 * rules and queued for the site, each page with the run's position in one transaction.
 */
package org.supplysync.batch.resync;
