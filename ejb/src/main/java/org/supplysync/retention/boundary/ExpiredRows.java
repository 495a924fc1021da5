package org.supplysync.retention.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.supplysync.platform.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One batch of expired rows of a log-like table, oldest first, each batch in a transaction of its own so that the
 * cleanup never holds many locks, nor for long, while sites sync. Each method answers how many rows it removed: fewer
 * than asked means none is left.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ExpiredRows {

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    public int syncSessions(Instant before, int limit) {
        try (Connection db = dataSource.getConnection()) {
            return Sql.update(db, "delete from sync_session where started_at < ? order by started_at limit ?",
                    utc(before), limit);
        } catch (SQLException e) {
            throw Sql.failure("removing expired sync sessions", e);
        }
    }

    /** Expired refusals, counted per site in {@code refusal_expired}: a site's count of refused records never drops. */
    public int refusals(Instant before, int limit) {
        try (Connection db = dataSource.getConnection()) {
            List<Long> ids = new ArrayList<>();
            Map<Integer, Long> perSite = new TreeMap<>();
            try (PreparedStatement select = db.prepareStatement(
                    "select id, site_id from refusal where refused_at < ? order by refused_at limit ? for update")) {
                Sql.bind(select, 1, utc(before), limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                        perSite.merge(rows.getInt(2), 1L, Long::sum);
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            Sql.update(db, "delete from refusal where id in (" + Sql.placeholders(ids.size()) + ")", ids.toArray());
            for (Map.Entry<Integer, Long> site : perSite.entrySet()) {
                Sql.update(db, """
                        insert into refusal_expired (site_id, refusals) values (?, ?)
                        on duplicate key update refusals = refusals + values(refusals)""", site.getKey(), site.getValue());
            }
            return ids.size();
        } catch (SQLException e) {
            throw Sql.failure("removing expired refusals", e);
        }
    }

    /**
     * Expired audit entries. The audit's trigger (V16) refuses every DELETE unless this connection names the time
     * before which entries have expired; it is named for this one statement and cleared again, so that nothing else
     * that later uses the pooled connection can delete a row.
     */
    public int audit(Instant before, int limit) {
        try (Connection db = dataSource.getConnection()) {
            Sql.update(db, "set @supplysync_audit_expired_before = ?", utc(before));
            try {
                return Sql.update(db, "delete from audit where at < ? order by at limit ?", utc(before), limit);
            } finally {
                Sql.update(db, "set @supplysync_audit_expired_before = null");
            }
        } catch (SQLException e) {
            throw Sql.failure("removing expired audit entries", e);
        }
    }

    /** The application writes its times in UTC (utc_timestamp). */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
