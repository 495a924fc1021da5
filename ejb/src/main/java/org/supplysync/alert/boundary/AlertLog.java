package org.supplysync.alert.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import org.supplysync.alert.control.AlertEvents;
import org.supplysync.platform.Sql;
import org.supplysync.site.boundary.HealthThresholds;
import org.supplysync.site.entity.Site;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts raised and what became of them ({@code alert}, V14). An event is raised once: a site that turns red, for
 * the last contact it went red after (it turns red again only after another contact); a quarantine that grew, for
 * the newest record quarantined (a record dropped or integrated since makes no new event); a failed execution of a
 * job, for its execution id (within a day of its end: turning alerts on does not report every old failure).
 */
@Stateless
public class AlertLog {

    /** Sends tried per alert: a receiver down for longer misses it, and the server log says so. */
    public static final int MAX_ATTEMPTS = 5;
    private static final Duration RECENT_JOB_FAILURES = Duration.ofDays(1);

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    /** Raises every event due now that was not raised before; how many. */
    public int raise(Instant now, HealthThresholds thresholds) {
        try (Connection db = dataSource.getConnection()) {
            return sitesTurnedRed(db, now, thresholds) + quarantinesGrown(db, now) + jobsFailed(db, now);
        } catch (SQLException e) {
            throw Sql.failure("raising alerts", e);
        }
    }

    /** The oldest alerts still to send, at most {@code limit}. */
    public List<PendingAlert> pending(int limit) {
        List<PendingAlert> pending = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("""
                     select id, payload, webhook_sent_at is not null, mail_sent_at is not null from alert
                     where pending order by id limit ?""")) {
            select.setInt(1, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    pending.add(new PendingAlert(row.getLong(1), row.getString(2), row.getBoolean(3), row.getBoolean(4)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the alerts to send", e);
        }
        return pending;
    }

    /**
     * One attempt to send the alert: which channels have it now, and whether that is all of them; {@code error} what
     * failed, if anything. It stays pending while a channel lacks it and attempts are left.
     */
    public void attempted(long id, boolean webhookSent, boolean mailSent, boolean complete, String error) {
        try (Connection db = dataSource.getConnection()) {
            Sql.update(db, """
                            update alert set attempts = attempts + 1,
                                webhook_sent_at = case when ? then coalesce(webhook_sent_at, utc_timestamp(3)) end,
                                mail_sent_at = case when ? then coalesce(mail_sent_at, utc_timestamp(3)) end,
                                last_error = ?, pending = not ? and attempts < ?
                            where id = ?""",
                    webhookSent, mailSent, error == null ? null : error.substring(0, Math.min(error.length(), 1000)),
                    complete, MAX_ATTEMPTS, id);
        } catch (SQLException e) {
            throw Sql.failure("noting what became of alert " + id, e);
        }
    }

    private static int sitesTurnedRed(Connection db, Instant now, HealthThresholds thresholds) throws SQLException {
        Map<Integer, Long> raised = lastMarkers(db, AlertEvents.SITE_RED);
        int count = 0;
        try (PreparedStatement select = db.prepareStatement("""
                select s.id, s.name, a.last_contact from site s join site_activity a on a.site_id = s.id
                where s.id <> ? and s.retired_at is null and a.last_contact < ?""")) {
            Sql.bind(select, 1, Site.CENTRAL, utc(now.minus(thresholds.redAfter())));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int siteId = row.getInt(1);
                    Instant lastContact = row.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                    if (raised.getOrDefault(siteId, Long.MIN_VALUE) != lastContact.toEpochMilli()) {
                        count += insert(db, AlertEvents.SITE_RED, siteId, lastContact.toEpochMilli(), now,
                                AlertEvents.siteRed(siteId, row.getString(2), lastContact, thresholds.redAfterText(), now));
                    }
                }
            }
        }
        return count;
    }

    private static int quarantinesGrown(Connection db, Instant now) throws SQLException {
        Map<Integer, Long> raised = lastMarkers(db, AlertEvents.QUARANTINE_GREW);
        int count = 0;
        try (PreparedStatement select = db.prepareStatement("""
                select q.site_id, s.name, count(*), max(q.id) from quarantine q join site s on s.id = q.site_id
                group by q.site_id, s.name""");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                int siteId = row.getInt(1);
                long newest = row.getLong(4);
                if (newest > raised.getOrDefault(siteId, 0L)) {
                    count += insert(db, AlertEvents.QUARANTINE_GREW, siteId, newest, now,
                            AlertEvents.quarantineGrew(siteId, row.getString(2), row.getLong(3), now));
                }
            }
        }
        return count;
    }

    private static int jobsFailed(Connection db, Instant now) throws SQLException {
        List<Object[]> failed = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("""
                select r.site_id, r.job_name, r.execution_id, r.run_id from job_run r
                where r.state = 'FAILED' and r.execution_id is not null and coalesce(r.ended_at, r.started_at) >= ?
                and not exists (select 1 from alert a where a.event = ? and a.site_id = r.site_id
                    and a.marker = r.execution_id)""")) {
            Sql.bind(select, 1, utc(now.minus(RECENT_JOB_FAILURES)), AlertEvents.JOB_FAILED);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    failed.add(new Object[]{row.getInt(1), row.getString(2), row.getLong(3), row.getLong(4)});
                }
            }
        }
        int count = 0;
        for (Object[] run : failed) {
            int siteId = (Integer) run[0];
            long executionId = (Long) run[2];
            count += insert(db, AlertEvents.JOB_FAILED, siteId, executionId, now, AlertEvents.jobFailed(siteId,
                    (String) run[1], executionId, lastFailure(db, (Long) run[3]), now));
        }
        return count;
    }

    private static String lastFailure(Connection db, long runId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "select message from job_failure where run_id = ? order by id desc limit 1")) {
            select.setLong(1, runId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** The marker of the latest alert of this kind, by site. */
    private static Map<Integer, Long> lastMarkers(Connection db, String event) throws SQLException {
        Map<Integer, Long> markers = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement(
                "select site_id, marker from alert where id in (select max(id) from alert where event = ? group by site_id)")) {
            select.setString(1, event);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    markers.put(row.getInt(1), row.getLong(2));
                }
            }
        }
        return markers;
    }

    private static int insert(Connection db, String event, int siteId, long marker, Instant now, JsonObject payload)
            throws SQLException {
        return Sql.update(db, "insert ignore into alert (event, site_id, marker, payload, raised_at) values (?, ?, ?, ?, ?)",
                event, siteId, marker, payload.toString(), utc(now));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
