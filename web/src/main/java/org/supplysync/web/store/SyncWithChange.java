package org.supplysync.web.store;

/** The new copy type of a store on a site: NONE, ACTIVE_COLLECTOR or TRANSFER. */
public record SyncWithChange(String type) {
}
