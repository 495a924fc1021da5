package org.supplysync.client.sync;

/** The keys the client keeps in the site database's settings table. */
public final class SiteSettings {

    public static final String SERVER_URL = "server_url";
    public static final String SITE_NAME = "site_name";
    public static final String PASSWORD_SHA256 = "password_sha256";
    public static final String SITE_UUID = "site_uuid";
    public static final String SITE_ID = "site_id";
    public static final String CENTRAL_SITE_ID = "central_site_id";
    public static final String INITIALISED = "initialised";
    public static final String INITIALISATION_NOTE = "initialisation_note";
    public static final String PUSH_CURSOR = "push_cursor";
    public static final String CENTRAL_CURSOR = "central_cursor";
    public static final String CENTRAL_MAX_CURSOR = "central_max_cursor";
    public static final String V6_CURSOR = "v6_cursor";
    public static final String SERVER_QUEUE_LENGTH = "server_queue_length";
    public static final String LAST_SYNC_STARTED = "last_sync_started";
    public static final String LAST_SYNC_FINISHED = "last_sync_finished";
    public static final String LAST_SUCCESSFUL_SYNC = "last_successful_sync";
    public static final String LAST_ERROR = "last_error";
    public static final String LAST_ERROR_AT = "last_error_at";
    public static final String LAST_REFUSALS = "last_refusals";

    private SiteSettings() {
    }
}
