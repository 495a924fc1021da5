package org.supplysync.client.sync;

import org.supplysync.client.api.SyncV5Api;
import org.supplysync.client.local.LocalDatabase;

import java.net.URI;
import java.nio.file.Path;

/**
 * A remote site: its database file, the server and credentials it keeps there, and its sync cycle. The password is
 * kept only as its SHA-256, which is what the protocol sends.
 */
public final class RemoteSite implements AutoCloseable {

    private final LocalDatabase db;
    private SyncV5Api.Options options = SyncV5Api.Options.standard();
    private Synchroniser.Settings settings = Synchroniser.Settings.standard();

    private RemoteSite(LocalDatabase db) {
        this.db = db;
    }

    public static RemoteSite open(Path file) {
        return new RemoteSite(LocalDatabase.open(file));
    }

    public RemoteSite configure(URI server, String siteName, String password) {
        db.setSetting(SiteSettings.SERVER_URL, server.toString());
        db.setSetting(SiteSettings.SITE_NAME, siteName);
        db.setSetting(SiteSettings.PASSWORD_SHA256, SyncV5Api.sha256Hex(password));
        return this;
    }

    public boolean isConfigured() {
        return db.setting(SiteSettings.SERVER_URL).isPresent() && db.setting(SiteSettings.SITE_NAME).isPresent();
    }

    public RemoteSite withOptions(SyncV5Api.Options options) {
        this.options = options;
        return this;
    }

    public RemoteSite withSettings(Synchroniser.Settings settings) {
        this.settings = settings;
        return this;
    }

    public LocalDatabase db() {
        return db;
    }

    public SyncV5Api api() {
        String server = db.setting(SiteSettings.SERVER_URL).orElseThrow(() -> new IllegalStateException(
                "this database has no server yet: run init first"));
        return new SyncV5Api(URI.create(server), db.setting(SiteSettings.SITE_NAME).orElseThrow(),
                db.setting(SiteSettings.PASSWORD_SHA256).orElseThrow(), db.hardwareId(), options);
    }

    public SyncReport sync(SyncListener listener) {
        return new Synchroniser(db, api(), settings, listener).sync();
    }

    /** The site id the server gave at the last site-info call, or -1 before the first. */
    public int siteId() {
        return db.setting(SiteSettings.SITE_ID).map(Integer::parseInt).orElse(-1);
    }

    @Override
    public void close() {
        db.close();
    }
}
