package org.supplysync.batch.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.supplysync.batch.control.JobRun;
import org.supplysync.batch.control.JobRuns;
import org.supplysync.batch.control.Jobs;
import org.supplysync.platform.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After a server kill the batch runtime leaves the executions that were running STARTED, and neither a restart nor an
 * abandonment of them is then clean. At start-up, every run still active was interrupted (this server runs them all:
 * one application server per central database): its execution and steps are marked FAILED in the runtime's
 * repository (plain status columns; restart reads the job's own status record, which tolerates STARTED), the run is
 * ended, and an interrupted initialisation is restarted by itself, since a site is waiting for it. Other jobs wait
 * for an administrator's restart.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InterruptedJobs {

    private static final Logger LOG = Logger.getLogger(InterruptedJobs.class.getName());
    private static final Set<BatchStatus> RUNNING = Set.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);
    /** Long enough for the application to be deployed when the runtime loads its job XML again. */
    private static final long DELAY_MILLIS = 5_000;

    @Resource
    TimerService timers;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @Inject
    JobRuns runs;

    @Inject
    BatchJobs jobs;

    /** Executions created before this are not running: the application was not. */
    private Instant startedUp;

    @PostConstruct
    void atStartUp() {
        startedUp = Instant.now();
        timers.createSingleActionTimer(DELAY_MILLIS, new TimerConfig("interrupted jobs", false));
    }

    @Timeout
    void recover() {
        for (JobRun run : runs.active()) {
            try {
                recover(run);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not recover " + run.jobName() + " run " + run.runId(), e);
            }
        }
    }

    private void recover(JobRun run) {
        if (run.executionId() == null) {
            // Killed between the reservation and the start: there is nothing to restart, only a run to close.
            runs.ended(run.runId(), JobRun.State.FAILED);
            runs.failed(run.runId(), null, "the server stopped before the run's execution started");
            return;
        }
        Optional<JobExecution> execution = jobs.known(run.executionId());
        if (execution.isPresent() && execution.get().getCreateTime() != null
                && !execution.get().getCreateTime().toInstant().isBefore(startedUp)) {
            return;  // started since this application started: it runs
        }
        if (execution.isPresent() && RUNNING.contains(execution.get().getBatchStatus())) {
            markFailed(run.executionId());
        }
        runs.failed(run.runId(), run.executionId(), "the application stopped while execution " + run.executionId()
                + " ran; it goes on from its last committed chunk when restarted");
        runs.ended(run.runId(), JobRun.State.FAILED);
        if (Jobs.INITIALISE_SITE.equals(run.jobName())) {
            long restarted = jobs.restart(run.executionId()).executionId();
            LOG.info(() -> "initialisation of site " + run.siteId() + " interrupted by a server stop: restarted as execution "
                    + restarted);
        } else {
            LOG.info(() -> run.jobName() + " run " + run.runId() + " interrupted by a server stop: restart execution "
                    + run.executionId() + " to go on");
        }
    }

    /** The runtime's tables (upper case, as Payara's MySQL repository creates them) in the application's database. */
    private void markFailed(long executionId) {
        try (Connection db = dataSource.getConnection()) {
            Sql.update(db, """
                    update STEPEXECUTIONINSTANCEDATA set batchstatus = 'FAILED', exitstatus = coalesce(exitstatus, 'FAILED'),
                        endtime = now() where jobexecid = ? and batchstatus in ('STARTING', 'STARTED', 'STOPPING')""",
                    executionId);
            Sql.update(db, """
                    update EXECUTIONINSTANCEDATA set batchstatus = 'FAILED', exitstatus = coalesce(exitstatus, 'FAILED'),
                        endtime = now(), updatetime = now() where jobexecid = ?""", executionId);
        } catch (SQLException e) {
            throw Sql.failure("marking execution " + executionId + " failed", e);
        }
    }
}
