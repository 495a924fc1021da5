package org.supplysync.batch.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.supplysync.platform.ConflictException;
import org.supplysync.platform.Sql;
import org.supplysync.resync.boundary.Position;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The job runs in the database ({@code job_run}, V8): at most one active run per site, and each run's position and
 * progress, written with the records each chunk queues. Reservations take the sites' rows with {@code FOR UPDATE},
 * so that two requests for the same site never both start a run.
 */
@Stateless
public class JobRuns {

    /** The note of a run stopped between two chunks because the application stopped (InterruptedJobs). */
    public static final String STOPPED_WITH_APPLICATION = "stopped between two chunks because the application stopped"
            + " (undeployed, or the server shut down); an initialisation goes on by itself when the application starts"
            + " again, another job when an administrator restarts it";

    private static final String COLUMNS = "run_id, job_name, parameters, site_id, other_site_id, state, execution_id,"
            + " position_table, position_record, done, total, queued, started_at, ended_at";

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    /**
     * A run of the job for these sites, in a transaction of its own. With {@code rejoin}, a run of the same job for
     * the same site that is active is joined, and the last one that stopped or failed is resumed; otherwise a site
     * with an active run refuses another (409).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Reservation reserve(String jobName, String parameters, int siteId, Integer otherSiteId, boolean rejoin) {
        try (Connection db = dataSource.getConnection()) {
            lockSites(db, siteId, otherSiteId);
            Optional<JobRun> active = activeFor(db, siteId, otherSiteId);
            if (active.isPresent()) {
                JobRun run = active.get();
                if (rejoin && run.jobName().equals(jobName) && run.siteId() == siteId) {
                    return new Reservation(run, Reservation.Kind.JOINED);
                }
                throw busy(run);
            }
            if (rejoin) {
                Optional<JobRun> last = one(db, "select " + COLUMNS + " from job_run where job_name = ? and site_id = ?"
                        + " order by run_id desc limit 1", jobName, siteId);
                if (last.isPresent() && last.get().executionId() != null
                        && (last.get().state() == JobRun.State.STOPPED || last.get().state() == JobRun.State.FAILED)) {
                    Sql.update(db, "update job_run set state = 'ACTIVE', ended_at = null where run_id = ?",
                            last.get().runId());
                    return new Reservation(last.get(), Reservation.Kind.RESUMED);
                }
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "insert into job_run (job_name, parameters, site_id, other_site_id, started_at)"
                            + " values (?, ?, ?, ?, utc_timestamp(3))", Statement.RETURN_GENERATED_KEYS)) {
                Sql.bind(insert, 1, jobName, parameters, siteId, otherSiteId);
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    return new Reservation(find(db, key.getLong(1)).orElseThrow(), Reservation.Kind.NEW);
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("reserving a run of " + jobName, e);
        }
    }

    /** Makes a stopped or failed run active again before its restart: 409 when one of its sites is busy. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public JobRun resume(long runId) {
        try (Connection db = dataSource.getConnection()) {
            JobRun run = find(db, runId).orElseThrow();
            lockSites(db, run.siteId(), run.otherSiteId());
            Optional<JobRun> active = activeFor(db, run.siteId(), run.otherSiteId());
            if (active.isPresent()) {
                throw busy(active.get());
            }
            Sql.update(db, "update job_run set state = 'ACTIVE', ended_at = null where run_id = ?", runId);
            return run;
        } catch (SQLException e) {
            throw Sql.failure("resuming run " + runId, e);
        }
    }

    /** The run's current execution in the batch runtime. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attach(long runId, long executionId) {
        update("update job_run set execution_id = ? where run_id = ?", executionId, runId);
    }

    /** The run ended (its execution completed, stopped or failed): its sites are free for another run. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void ended(long runId, JobRun.State state) {
        update("update job_run set state = ?, ended_at = utc_timestamp(3) where run_id = ?", state.name(), runId);
    }

    /** Notes what went wrong, in a transaction of its own (the failing one rolls back). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(long runId, Long executionId, String message) {
        String text = message == null || message.isBlank() ? "failed without a message" : message;
        update("insert into job_failure (run_id, execution_id, at, message) values (?, ?, utc_timestamp(3), ?)",
                runId, executionId, text.length() > 2000 ? text.substring(0, 2000) : text);
    }

    /** The total of the run's progress, once it is known. */
    public void total(long runId, long total) {
        update("update job_run set total = ? where run_id = ?", total, runId);
    }

    /**
     * The run got this far, in the caller's transaction: the chunk that queued the records. A restart goes on from
     * exactly here, whatever the batch runtime's own checkpoint says.
     */
    public void advance(long runId, Position position, int examined, int queued) {
        update("update job_run set position_table = ?, position_record = ?, done = done + ?, queued = queued + ?"
                + " where run_id = ?", position.tableName(), position.recordId(), examined, queued, runId);
    }

    public Optional<JobRun> find(long runId) {
        try (Connection db = dataSource.getConnection()) {
            return find(db, runId);
        } catch (SQLException e) {
            throw Sql.failure("reading run " + runId, e);
        }
    }

    /** The run whose current execution this is. */
    public Optional<JobRun> withExecution(long executionId) {
        return list("select " + COLUMNS + " from job_run where execution_id = ?", executionId).stream().findFirst();
    }

    /** The most recent runs, newest first. */
    public List<JobRun> recent(int limit) {
        return list("select " + COLUMNS + " from job_run order by run_id desc limit ?", limit);
    }

    public List<JobRun> active() {
        return list("select " + COLUMNS + " from job_run where state = 'ACTIVE' order by run_id");
    }

    /**
     * Active runs reserved this long ago that never got an execution: the server stopped between the reservation and
     * the start. The age is the database's own clock, as {@code started_at} is.
     */
    public List<JobRun> unstarted(int seconds) {
        return list("select " + COLUMNS + " from job_run where state = 'ACTIVE' and execution_id is null"
                + " and started_at < utc_timestamp(3) - interval ? second order by run_id", seconds);
    }

    /**
     * Runs of the job whose current execution was stopped because the application stopped
     * ({@link #STOPPED_WITH_APPLICATION}), and that nobody has restarted since.
     */
    public List<JobRun> stoppedWithApplication(String jobName) {
        return list("select " + COLUMNS + " from job_run r where state = 'STOPPED' and job_name = ? and exists ("
                + "select 1 from job_failure f where f.run_id = r.run_id and f.execution_id = r.execution_id"
                + " and f.message = ?) order by run_id", jobName, STOPPED_WITH_APPLICATION);
    }

    /** The failures noted in the run, oldest first. */
    public List<String> failures(long runId) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement(
                     "select execution_id, at, message from job_failure where run_id = ? order by id")) {
            select.setLong(1, runId);
            List<String> failures = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    failures.add(row.getTimestamp(2).toInstant() + " execution " + row.getLong(1) + ": " + row.getString(3));
                }
            }
            return failures;
        } catch (SQLException e) {
            throw Sql.failure("reading the failures of run " + runId, e);
        }
    }

    private static ConflictException busy(JobRun run) {
        return new ConflictException("site " + run.siteId()
                + (run.otherSiteId() == null ? "" : " or " + run.otherSiteId()) + " already runs " + run.jobName()
                + (run.executionId() == null ? "" : " (execution " + run.executionId() + ")")
                + "; one job at a time per site");
    }

    private static void lockSites(Connection db, int siteId, Integer otherSiteId) throws SQLException {
        TreeSet<Integer> sites = new TreeSet<>();
        sites.add(siteId);
        if (otherSiteId != null) {
            sites.add(otherSiteId);
        }
        // A site retired while the request was checked is seen here: retiring takes the same lock.
        try (PreparedStatement lock = db.prepareStatement("select id, retired_at from site where id in ("
                + Sql.placeholders(sites.size()) + ") order by id for update")) {
            Sql.bind(lock, 1, sites.toArray());
            try (ResultSet row = lock.executeQuery()) {
                while (row.next()) {
                    if (row.getTimestamp(2) != null) {
                        throw new ConflictException("site " + row.getInt(1) + " is retired: it syncs no more");
                    }
                }
            }
        }
    }

    private static Optional<JobRun> activeFor(Connection db, int siteId, Integer otherSiteId) throws SQLException {
        int other = otherSiteId == null ? siteId : otherSiteId;
        return one(db, "select " + COLUMNS + " from job_run where state = 'ACTIVE'"
                + " and (site_id in (?, ?) or other_site_id in (?, ?)) order by run_id limit 1", siteId, other, siteId, other);
    }

    private void update(String sql, Object... parameters) {
        try (Connection db = dataSource.getConnection()) {
            Sql.update(db, sql, parameters);
        } catch (SQLException e) {
            throw Sql.failure("recording a job run", e);
        }
    }

    private List<JobRun> list(String sql, Object... parameters) {
        try (Connection db = dataSource.getConnection()) {
            return all(db, sql, parameters);
        } catch (SQLException e) {
            throw Sql.failure("reading job runs", e);
        }
    }

    private static Optional<JobRun> find(Connection db, long runId) throws SQLException {
        return one(db, "select " + COLUMNS + " from job_run where run_id = ?", runId);
    }

    private static Optional<JobRun> one(Connection db, String sql, Object... parameters) throws SQLException {
        return all(db, sql, parameters).stream().findFirst();
    }

    private static List<JobRun> all(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            Sql.bind(select, 1, parameters);
            List<JobRun> runs = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    runs.add(new JobRun(row.getLong(1), row.getString(2), row.getString(3), row.getInt(4),
                            (Integer) row.getObject(5, Integer.class), JobRun.State.valueOf(row.getString(6)),
                            row.getObject(7, Long.class), new Position(row.getString(8), row.getString(9)),
                            row.getLong(10), row.getObject(11, Long.class), row.getLong(12),
                            instant(row.getTimestamp(13)), instant(row.getTimestamp(14))));
                }
            }
            return runs;
        }
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
