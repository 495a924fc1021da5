/** The scheduled cleanup and the batches of expired rows each of its sweeps removes. */
package org.supplysync.retention.boundary;
