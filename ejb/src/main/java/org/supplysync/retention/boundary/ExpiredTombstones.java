package org.supplysync.retention.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.supplysync.platform.Sql;
import org.supplysync.retention.control.TombstoneFloor;
import org.supplysync.site.entity.Site;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletions and merges of central data in the central change log that every site has read past
 * ({@link TombstoneFloor}) and that are older than the period. The log holds one entry per record, so such an entry is
 * all that is left of a deleted record there; a site that reads from 0 later (a new one, or one initialised again)
 * never held the record and needs no deletion of it. The central copy's own tombstones ({@code sync_record.deleted})
 * stay: they carry whose a deleted record was, which the ownership rules still read.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ExpiredTombstones {

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    /** A batch removed: how many entries, and the cursor the next batch goes on from. */
    public record Batch(int removed, long last) {
    }

    /** The cursor every site that still reads has read past. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long floor() {
        try (Connection db = dataSource.getConnection()) {
            List<Long> cursors = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement("""
                    select coalesce(a.central_cursor, 0) from site s left join site_activity a on a.site_id = s.id
                    where s.id <> ? and s.retired_at is null""")) {
                select.setInt(1, Site.CENTRAL);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        cursors.add(rows.getLong(1));
                    }
                }
            }
            long last;
            try (PreparedStatement select = db.prepareStatement("select last_cursor from central_sequence where id = 1");
                 ResultSet row = select.executeQuery()) {
                last = row.next() ? row.getLong(1) : 0;
            }
            return TombstoneFloor.of(cursors, last);
        } catch (SQLException e) {
            throw Sql.failure("reading how far the sites have read the central change log", e);
        }
    }

    /**
     * Removes up to {@code limit} expired entries with a cursor above {@code after} and at most {@code floor}. They are
     * found by a plain read (no lock) and removed by cursor, checked again: an entry written anew meanwhile has lost
     * its cursor, or has a new one above the floor, and stays.
     */
    public Batch remove(long after, long floor, Instant before, int limit) {
        try (Connection db = dataSource.getConnection()) {
            List<Long> cursors = new ArrayList<>();
            long last = floor;
            try (PreparedStatement select = db.prepareStatement("""
                    select cursor_id from central_change
                    where cursor_id > ? and cursor_id <= ? and action in ('delete', 'merge') and changed_at < ?
                    order by cursor_id limit ?""")) {
                Sql.bind(select, 1, after, floor, ExpiredRows.utc(before), limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        cursors.add(rows.getLong(1));
                    }
                }
            }
            if (cursors.size() == limit) {
                last = cursors.get(cursors.size() - 1);
            }
            if (cursors.isEmpty()) {
                return new Batch(0, last);
            }
            List<Object> parameters = new ArrayList<>(cursors);
            parameters.add(ExpiredRows.utc(before));
            int removed = Sql.update(db, "delete from central_change where cursor_id in (" + Sql.placeholders(cursors.size())
                    + ") and action in ('delete', 'merge') and changed_at < ?", parameters.toArray());
            return new Batch(removed, last);
        } catch (SQLException e) {
            throw Sql.failure("removing expired deletions from the central change log", e);
        }
    }
}
