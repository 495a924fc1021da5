package org.supplysync.queue.boundary;

/**
 * One record handed out to a site, with the syncOutId it acknowledges it by; {@code json} is the record's v5
 * envelope without the syncOutId, as the site's queue carried it.
 */
public record QueuedRecord(String syncOutId, String json) {

    /** The v5 RemoteRecord: the envelope with its syncOutId first. */
    public String toJson() {
        return "{\"syncOutId\":\"" + syncOutId + "\"," + json.substring(1);
    }
}
