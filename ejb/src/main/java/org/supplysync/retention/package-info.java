/**
 * Retention: what the central keeps only for a while (sync sessions, refusals, the audit if so configured, the
 * history of resync jobs, tombstones of central data every site has read past) is removed once it has aged past its
 * period, by a scheduled cleanup in small batches, so that a central with a thousand sites does not grow without
 * bound.
 */
package org.supplysync.retention;
