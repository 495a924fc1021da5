package org.supplysync.retention.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.supplysync.platform.Sql;
import org.supplysync.retention.control.ExpiredRuns;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The history of resync jobs: the application's runs ({@code job_run}, {@code job_failure}, V8) and the batch
 * runtime's own repository in the same database (Payara's upper-case tables: a job instance, its executions, their
 * steps, their statuses and checkpoints). Which runs may go is {@link ExpiredRuns}'s rule; an execution goes with its
 * whole job instance, so a restartable one is never left half there. Each removal is a transaction of its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ExpiredJobs {

    /** Batch statuses after which an execution does nothing more by itself. */
    private static final String ENDED = "('COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED')";

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    /** Every run, active ones too: a later run supersedes an earlier one even while it runs. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ExpiredRuns.Run> runs() {
        List<ExpiredRuns.Run> runs = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement(
                     "select run_id, job_name, site_id, parameters, state, ended_at from job_run order by run_id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Timestamp ended = rows.getTimestamp(6);
                runs.add(new ExpiredRuns.Run(rows.getLong(1), rows.getString(2), rows.getInt(3), rows.getString(4),
                        rows.getString(5), ended == null ? null : ended.toLocalDateTime().toInstant(ZoneOffset.UTC)));
            }
        } catch (SQLException e) {
            throw Sql.failure("reading job runs", e);
        }
        return runs;
    }

    /** What one removal took away: runs and job instances of the batch runtime. */
    public record Removed(int runs, int instances) {
    }

    /**
     * Removes the run, its failures and its job instance in the batch runtime (every execution of it), if the run is
     * still in the state it was judged in.
     */
    public Removed removeRun(ExpiredRuns.Run run) {
        try (Connection db = dataSource.getConnection()) {
            Optional<Long> execution = Optional.empty();
            try (PreparedStatement select = db.prepareStatement(
                    "select execution_id from job_run where run_id = ? and state = ? for update")) {
                Sql.bind(select, 1, run.runId(), run.state());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return new Removed(0, 0);  // resumed or removed since it was judged
                    }
                    long id = row.getLong(1);
                    execution = row.wasNull() ? Optional.empty() : Optional.of(id);
                }
            }
            Optional<Long> instance = execution.isEmpty() ? Optional.empty() : instanceOf(db, execution.get());
            Sql.update(db, "delete from job_failure where run_id = ?", run.runId());
            Sql.update(db, "delete from job_run where run_id = ?", run.runId());
            if (instance.isPresent()) {
                removeInstance(db, instance.get());
            }
            return new Removed(1, instance.isPresent() ? 1 : 0);
        } catch (SQLException e) {
            throw Sql.failure("removing job run " + run.runId(), e);
        }
    }

    /**
     * Job instances of the batch runtime that no run of the application points at (none of their executions is a
     * run's), all of whose executions ended before the cutoff: nothing can restart them through the application.
     * An instance with no execution yet is being started, and is left alone.
     */
    public int removeUnclaimedInstances(Instant before, int limit) {
        try (Connection db = dataSource.getConnection()) {
            if (!repositoryExists(db)) {
                return 0;
            }
            List<Long> instances = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement("""
                    select i.jobinstanceid from JOBINSTANCEDATA i
                    where exists (select 1 from EXECUTIONINSTANCEDATA e where e.jobinstanceid = i.jobinstanceid)
                      and not exists (select 1 from EXECUTIONINSTANCEDATA e where e.jobinstanceid = i.jobinstanceid
                                      and (e.endtime is null or e.endtime >= ? or e.batchstatus not in %s))
                      and not exists (select 1 from EXECUTIONINSTANCEDATA e join job_run r on r.execution_id = e.jobexecid
                                      where e.jobinstanceid = i.jobinstanceid)
                    order by i.jobinstanceid limit ?""".formatted(ENDED))) {
                // The runtime writes its times as the server's JVM sees them (java.sql.Timestamp).
                Sql.bind(select, 1, Timestamp.from(before), limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        instances.add(rows.getLong(1));
                    }
                }
            }
            for (long instance : instances) {
                removeInstance(db, instance);
            }
            return instances.size();
        } catch (SQLException e) {
            throw Sql.failure("removing expired job instances of the batch runtime", e);
        }
    }

    private static Optional<Long> instanceOf(Connection db, long executionId) throws SQLException {
        if (!repositoryExists(db)) {
            return Optional.empty();
        }
        try (PreparedStatement select = db.prepareStatement(
                "select jobinstanceid from EXECUTIONINSTANCEDATA where jobexecid = ?")) {
            select.setLong(1, executionId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * The instance with everything the runtime keeps of it. Deleted table by table, children first, whether or not
     * the runtime's tables cascade; a checkpoint's key starts with its instance's id ("id,step,stream").
     */
    private static void removeInstance(Connection db, long instance) throws SQLException {
        Sql.update(db, "delete from CHECKPOINTDATA where id like ?", instance + ",%");
        Sql.update(db, """
                delete from STEPSTATUS where id in (select s.stepexecid from STEPEXECUTIONINSTANCEDATA s
                    join EXECUTIONINSTANCEDATA e on s.jobexecid = e.jobexecid where e.jobinstanceid = ?)""", instance);
        Sql.update(db, """
                delete s from STEPEXECUTIONINSTANCEDATA s join EXECUTIONINSTANCEDATA e on s.jobexecid = e.jobexecid
                where e.jobinstanceid = ?""", instance);
        Sql.update(db, "delete from EXECUTIONINSTANCEDATA where jobinstanceid = ?", instance);
        Sql.update(db, "delete from JOBSTATUS where id = ?", instance);
        Sql.update(db, "delete from JOBINSTANCEDATA where jobinstanceid = ?", instance);
    }

    /** The runtime creates its tables when it first runs a job. */
    private static boolean repositoryExists(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select count(*) from information_schema.tables"
                + " where table_schema = database() and table_name = 'EXECUTIONINSTANCEDATA'");
             ResultSet row = select.executeQuery()) {
            return row.next() && row.getInt(1) > 0;
        }
    }
}
