package org.supplysync.client.sync;

import java.util.List;

/**
 * What one sync cycle did.
 *
 * @param initialised     true when this cycle was the site's first (initialisation) cycle
 * @param initialisation  what happened to the initialisation request, or null when there was none
 * @param pushed          records pushed
 * @param refused         records the server refused in the push, as "table id: reason"
 */
public record SyncReport(boolean initialised, String initialisation, int pushed, List<String> refused,
                         int pulledCentral, int pulledQueue, int integrated, List<String> integrationErrors) {
}
