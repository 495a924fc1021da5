package org.supplysync.central.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Sql;
import org.supplysync.site.entity.Site;
import org.supplysync.store.control.DispensaryReferenceData;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the central change log for one site with its cursor: stamped central changes with a cursor above the site's,
 * in cursor order, without the site's own changes and, for a site without an active dispensary store, without
 * dispensary-only data. Readers only read (they never stamp and take no lock on the log; the one row they write is
 * their own site's cursor), and what one call costs does not grow with the log:
 * <ul>
 * <li>a page examines at most {@link #EXAMINED_PER_RECORD} index entries per record asked for; when none of those is
 * for the site (a long run of its own changes) it jumps to the next change it gets, found with one index dive per
 * origin of central data (see {@link Groups});</li>
 * <li>{@code maxCursor} is the last stamped cursor when the page has records (the client goes on whatever it says),
 * and the site's own cursor when it has none, because then nothing above the cursor is for the site: the client's
 * loop ends on that empty page, and never steps through a gap one number at a time.</li>
 * </ul>
 */
@Stateless
public class CentralFeed {

    static final int EXAMINED_PER_RECORD = 4;

    @Inject
    DispensaryReferenceData referenceData;

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    public CentralPage page(int siteId, long cursor, int limit) {
        Reader reader = new Reader(siteId, referenceData.hasActiveDispensary(siteId));
        try (Connection db = dataSource.getConnection()) {
            List<Long> visible = visibleCursors(db, reader, cursor, limit);
            List<CentralChange> changes = changes(db, reader, visible);
            // Read after the page: last_cursor is committed with the stamps, so it is never below a cursor handed out.
            long maxCursor = changes.isEmpty() ? cursor
                    : Math.max(lastCursor(db), changes.get(changes.size() - 1).cursor());
            try (PreparedStatement update = db.prepareStatement(
                    "update site_activity set central_cursor = ? where site_id = ?")) {
                update.setLong(1, cursor);
                update.setInt(2, siteId);
                update.executeUpdate();
            }
            return new CentralPage(maxCursor, changes);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the central change log for site " + siteId, e);
        }
    }

    /**
     * How many central changes the site has not pulled yet, as of the cursor it last asked from, exactly as
     * admin-api.md defines it (after de-duplication, without its own changes and data it does not get). A site with
     * nothing to pull costs one look at the log's groups; one behind, an index-only count of the entries above its
     * cursor: what it costs follows how far behind the site is, not the log's size.
     */
    public long lag(Site site) {
        return lags(List.of(site)).get(site.id());
    }

    /**
     * {@link #lag(Site)} of many sites at once, by site id, in two queries whatever their number: one look at the
     * log's groups says which sites are behind, and one pass over the index entries above the lowest of their
     * cursors counts, for every cursor among them, the entries above it by origin and dispensary flag
     * ({@link Backlog}).
     */
    public Map<Integer, Long> lags(Collection<Site> sites) {
        Set<Integer> dispensing = sitesWithActiveDispensary();
        Map<Integer, Long> lags = new HashMap<>();
        try (Connection db = dataSource.getConnection()) {
            Groups groups = Groups.highest(db);
            List<Site> behind = new ArrayList<>();
            for (Site site : sites) {
                long last = groups.best(new Reader(site.id(), dispensing.contains(site.id()))).orElse(0);
                if (last <= site.centralCursor()) {
                    lags.put(site.id(), 0L);
                } else {
                    behind.add(site);
                }
            }
            if (!behind.isEmpty()) {
                Backlog backlog = Backlog.read(db, behind.stream().map(Site::centralCursor).toList());
                for (Site site : behind) {
                    lags.put(site.id(), backlog.visibleTo(new Reader(site.id(), dispensing.contains(site.id())),
                            site.centralCursor()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the central change log", e);
        }
        return lags;
    }

    /**
     * The cursors of the next changes above {@code cursor} the reader gets, at most {@code limit}: the log is scanned
     * one page's worth of index entries at a time, at most {@link #EXAMINED_PER_RECORD} pages' worth. A shorter page
     * is fine (the client goes on from its last record); an empty one would make the client step one cursor at a
     * time, so when the scan found nothing the page starts again at the next change the reader gets.
     */
    private static List<Long> visibleCursors(Connection db, Reader reader, long cursor, int limit) throws SQLException {
        List<Long> visible = new ArrayList<>(Math.min(limit, 1000));
        int budget = Math.max(EXAMINED_PER_RECORD * limit, 64);
        long from = cursor;
        int size = limit;
        while (true) {
            Window window = Window.scan(db, reader, from, Math.min(size, budget), limit - visible.size());
            visible.addAll(window.visible());
            budget -= window.examined();
            if (visible.size() == limit || !window.full()) {
                return visible;
            }
            if (budget <= 0) {
                break;
            }
            from = window.last();
            size = budget;
        }
        if (!visible.isEmpty()) {
            return visible;
        }
        OptionalLong next = Groups.lowestAbove(db, cursor).best(reader);
        return next.isEmpty() ? visible
                : Window.scan(db, reader, next.getAsLong() - 1, Math.max(EXAMINED_PER_RECORD * limit, 64), limit)
                .visible();
    }

    private static List<CentralChange> changes(Connection db, Reader reader, List<Long> cursors) throws SQLException {
        if (cursors.isEmpty()) {
            return List.of();
        }
        Set<Long> wanted = new HashSet<>(cursors);
        List<CentralChange> changes = new ArrayList<>(cursors.size());
        // The range holds at most one window of entries; only the wanted ones are read from the table.
        try (PreparedStatement select = db.prepareStatement("""
                select cursor_id, table_name, record_id, is_merge, action, data from central_change
                where cursor_id between ? and ? and origin_site_id <> ? and (dispensary_only = false or ?)
                order by cursor_id""")) {
            select.setLong(1, cursors.get(0));
            select.setLong(2, cursors.get(cursors.size() - 1));
            select.setInt(3, reader.siteId());
            select.setBoolean(4, reader.dispensary());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (wanted.contains(rows.getLong(1))) {
                        changes.add(new CentralChange(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getBoolean(4), rows.getString(5), rows.getString(6)));
                    }
                }
            }
        }
        return changes;
    }

    private static long lastCursor(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select last_cursor from central_sequence where id = 1");
             ResultSet result = select.executeQuery()) {
            return result.next() ? result.getLong(1) : 0;
        }
    }

    private Set<Integer> sitesWithActiveDispensary() {
        return new HashSet<>(em.createQuery("select distinct s.activeSiteId from Store s where s.dispensary = true",
                Integer.class).getResultList());
    }

    /** Which central changes a site gets: not its own, and dispensary-only data only with an active dispensary. */
    record Reader(int siteId, boolean dispensary) {

        boolean gets(int originSiteId, boolean dispensaryOnly) {
            return originSiteId != siteId && (!dispensaryOnly || dispensary);
        }
    }

    /**
     * Up to {@code size} index entries of the log above a cursor, and the first visible ones among them, at most
     * {@code wanted}; {@code full} when it examined all {@code size} without finding that many.
     */
    record Window(List<Long> visible, int examined, long last, boolean full) {

        static Window scan(Connection db, Reader reader, long cursor, int size, int wanted) throws SQLException {
            List<Long> visible = new ArrayList<>();
            int examined = 0;
            long last = cursor;
            try (PreparedStatement select = db.prepareStatement("""
                    select cursor_id, origin_site_id, dispensary_only from central_change force index (ix_central_change_feed)
                    where cursor_id > ? order by cursor_id limit ?""")) {
                select.setLong(1, cursor);
                select.setInt(2, size);
                try (ResultSet rows = select.executeQuery()) {
                    while (visible.size() < wanted && rows.next()) {
                        examined++;
                        last = rows.getLong(1);
                        if (reader.gets(rows.getInt(2), rows.getBoolean(3))) {
                            visible.add(last);
                        }
                    }
                }
            }
            return new Window(visible, examined, last, examined == size);
        }
    }

    /**
     * The stamped log above some cursors, counted in one pass over its index from the lowest of them: per bucket
     * (bucket b holds the entries above the b-th lowest cursor and not above the next), origin site and dispensary
     * flag. What lies above a cursor is then the sum of the buckets from its own on; of that a reader gets all but its
     * own changes and, without an active dispensary, dispensary-only ones.
     */
    static final class Backlog {

        private final long[] cursors;
        /** Entries in bucket b or above: all of them, and the dispensary-only ones. */
        private final long[] above;
        private final long[] dispensaryAbove;
        /** Counts by origin: {bucket, dispensary (0 or 1), count}. */
        private final Map<Integer, List<long[]>> byOrigin = new HashMap<>();

        /** {@code counts}: {bucket, origin, dispensary (0 or 1), count}, buckets 1 to the number of cursors. */
        Backlog(long[] cursors, List<long[]> counts) {
            this.cursors = cursors;
            this.above = new long[cursors.length + 2];
            this.dispensaryAbove = new long[cursors.length + 2];
            for (long[] count : counts) {
                int bucket = (int) count[0];
                above[bucket] += count[3];
                dispensaryAbove[bucket] += count[2] * count[3];
                byOrigin.computeIfAbsent((int) count[1], origin -> new ArrayList<>())
                        .add(new long[]{bucket, count[2], count[3]});
            }
            for (int bucket = cursors.length; bucket > 0; bucket--) {
                above[bucket - 1] += above[bucket];
                dispensaryAbove[bucket - 1] += dispensaryAbove[bucket];
            }
        }

        static Backlog read(Connection db, Collection<Long> cursors) throws SQLException {
            long[] sorted = cursors.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
            // interval(n, c1 + 1, c2 + 1, ...) is the number of the cursors below n: the bucket of an entry.
            try (PreparedStatement select = db.prepareStatement("select interval(cursor_id, "
                    + Sql.placeholders(sorted.length) + ") as bucket, origin_site_id, dispensary_only, count(*)"
                    + " from central_change force index (ix_central_change_feed) where cursor_id > ?"
                    + " group by bucket, origin_site_id, dispensary_only")) {
                for (int i = 0; i < sorted.length; i++) {
                    select.setLong(i + 1, sorted[i] + 1);
                }
                select.setLong(sorted.length + 1, sorted[0]);
                List<long[]> counts = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.add(new long[]{rows.getLong(1), rows.getInt(2), rows.getBoolean(3) ? 1 : 0, rows.getLong(4)});
                    }
                }
                return new Backlog(sorted, counts);
            }
        }

        /** The entries above {@code cursor} (one of those read) that the reader gets. */
        long visibleTo(Reader reader, long cursor) {
            int bucket = Arrays.binarySearch(cursors, cursor) + 1;
            long visible = above[bucket] - (reader.dispensary() ? 0 : dispensaryAbove[bucket]);
            for (long[] own : byOrigin.getOrDefault(reader.siteId(), List.of())) {
                if (own[0] >= bucket && (reader.dispensary() || own[1] == 0)) {
                    visible -= own[2];
                }
            }
            return visible;
        }
    }

    /**
     * The lowest (or highest) stamped cursor of each group of changes with the same origin and dispensary flag: one
     * dive into {@code ix_central_change_origin} per group (a loose index scan), so the cost follows the number of
     * sites that made central changes, not the log's length.
     */
    record Groups(List<long[]> groups, boolean lowest) {

        static Groups lowestAbove(Connection db, long cursor) throws SQLException {
            return read(db, """
                    select origin_site_id, dispensary_only, min(cursor_id) from central_change force index (ix_central_change_origin)
                    where cursor_id > ? group by origin_site_id, dispensary_only""", cursor, true);
        }

        static Groups highest(Connection db) throws SQLException {
            return read(db, """
                    select origin_site_id, dispensary_only, max(cursor_id) from central_change force index (ix_central_change_origin)
                    where cursor_id > ? group by origin_site_id, dispensary_only""", 0, false);
        }

        private static Groups read(Connection db, String sql, long cursor, boolean lowest) throws SQLException {
            List<long[]> groups = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement(sql)) {
                select.setLong(1, cursor);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long value = rows.getLong(3);
                        if (!rows.wasNull()) {
                            groups.add(new long[]{rows.getInt(1), rows.getBoolean(2) ? 1 : 0, value});
                        }
                    }
                }
            }
            return new Groups(groups, lowest);
        }

        /** The lowest (or highest) cursor among the groups the reader gets. */
        OptionalLong best(Reader reader) {
            return groups.stream().filter(g -> reader.gets((int) g[0], g[1] == 1)).mapToLong(g -> g[2])
                    .reduce(lowest ? Math::min : Math::max);
        }
    }
}
