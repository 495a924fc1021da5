package org.supplysync.site.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import org.supplysync.platform.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Each site's sync sessions (V14): a session is a run of calls to the sync API with no more than {@link #GAP}
 * between the end of one and the start of the next, which is how an Open mSupply sync looks from here (site info,
 * push, status polls while integrating, central records, pull and acknowledge, one after the other) and how two syncs
 * of a site minutes apart are told apart. Each call changes its session with one statement; the call that starts a
 * session inserts it and prunes the site's sessions to the newest {@link #KEPT}.
 */
@Stateless
public class SyncSessions {

    public static final Duration GAP = Duration.ofSeconds(60);
    public static final int KEPT = 200;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    /**
     * Counts the call in the site's session, which it starts when the site's last call ended over a minute ago, and
     * notes a call the site was let in to as its last contact.
     */
    public void record(SyncCall call) {
        LocalDateTime now = utc(Instant.now());
        try (Connection db = dataSource.getConnection()) {
            if (call.admitted()) {
                Sql.update(db, "update site_activity set last_contact = utc_timestamp(3) where site_id = ?",
                        call.siteId());
            }
            // Two calls of one site starting a session at the same instant may both insert: two short sessions, no harm.
            int updated = Sql.update(db, """
                            update sync_session set ended_at = greatest(ended_at, ?), calls = calls + 1,
                                pushed = pushed + ?, pulled = pulled + ?, acknowledged = acknowledged + ?,
                                refused = refused + ?, error = coalesce(?, error)
                            where site_id = ? and ended_at >= ? order by id desc limit 1""",
                    now, call.pushed(), call.pulled(), call.acknowledged(), call.refused(), call.error(),
                    call.siteId(), utc(call.startedAt().minus(GAP)));
            if (updated == 0) {
                Sql.update(db, """
                                insert into sync_session (site_id, started_at, ended_at, calls, pushed, pulled,
                                    acknowledged, refused, error) values (?, ?, ?, 1, ?, ?, ?, ?, ?)""",
                        call.siteId(), utc(call.startedAt()), now, call.pushed(), call.pulled(), call.acknowledged(),
                        call.refused(), call.error());
                Sql.update(db, """
                        delete from sync_session where site_id = ? and id <= (select id from (
                            select id from sync_session where site_id = ? order by id desc limit 1 offset ?) oldest)""",
                        call.siteId(), call.siteId(), KEPT);
            }
        } catch (SQLException e) {
            throw Sql.failure("recording a sync call of site " + call.siteId(), e);
        }
    }

    /**
     * Records of the site refused while its pushes integrated, counted in its latest session (the one that pushed
     * them, or the next), in the caller's transaction.
     */
    public void refusedInIntegration(int siteId, int refused) {
        if (refused == 0) {
            return;
        }
        try (Connection db = dataSource.getConnection()) {
            Sql.update(db, "update sync_session set refused = refused + ? where site_id = ? order by id desc limit 1",
                    refused, siteId);
        } catch (SQLException e) {
            throw Sql.failure("counting refused records of site " + siteId, e);
        }
    }

    /** The site's latest sessions, newest first. */
    public List<SyncSession> latest(int siteId, int limit) {
        List<SyncSession> sessions = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("""
                     select started_at, ended_at, pushed, pulled, acknowledged, refused, error from sync_session
                     where site_id = ? order by id desc limit ?""")) {
            Sql.bind(select, 1, siteId, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    LocalDateTime started = row.getObject(1, LocalDateTime.class);
                    LocalDateTime ended = row.getObject(2, LocalDateTime.class);
                    sessions.add(new SyncSession(Sql.utcText(started), Sql.utcText(ended), row.getLong(3),
                            row.getLong(4), row.getLong(5), row.getLong(6),
                            Duration.between(started, ended).toMillis(),
                            row.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the sync sessions of site " + siteId, e);
        }
        return sessions;
    }

    /** Times are written as UTC wall-clock times, as everywhere in the schema. */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
