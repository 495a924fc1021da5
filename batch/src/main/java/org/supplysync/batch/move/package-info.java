/**
 * move-store: the seed's "Moving a store from one sync site to another" as one job. The store becomes active on the
 * target site, its data goes into the target's queue, and a site it leaves with no store is reported for retirement.
 */
package org.supplysync.batch.move;
