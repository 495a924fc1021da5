package org.supplysync.batch.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.batch.control.ExecutionsHere;
import org.supplysync.batch.control.JobRun;
import org.supplysync.batch.control.JobRuns;
import org.supplysync.batch.control.Jobs;
import org.supplysync.platform.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After a server kill the batch runtime leaves the executions that were running STARTED, and neither a restart nor an
 * abandonment of them is then clean. A run still active whose execution was created before this application started
 * was interrupted (this server runs them all: one application server per central database), and so was one whose
 * execution ended in this process while the database was unreachable (its end could not be written): its execution
 * and steps are marked FAILED in the runtime's repository (plain status columns; restart reads the job's own status
 * record, which tolerates STARTED), the run is ended, and an interrupted initialisation is restarted by itself, since
 * a site is waiting for it. Other jobs wait for an administrator's restart.
 * <p>
 * The check runs soon after start-up and then at an interval, not once: a first check that fails (the database still
 * recovering, the runtime not ready) must not leave a site waiting for an initialisation nobody resumes.
 * <p>
 * When the application stops (undeployed, redeployed, or the server shutting down), the jobs running here are stopped
 * between two chunks, and it waits for them: cut off inside a chunk, a job's transaction was left open in the database
 * with its locks, and syncs and other jobs then waited on them. A run stopped that way is noted
 * ({@link JobRuns#STOPPED_WITH_APPLICATION}); an initialisation among them is restarted at the next start.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InterruptedJobs {

    private static final Logger LOG = Logger.getLogger(InterruptedJobs.class.getName());
    private static final Set<BatchStatus> RUNNING = Set.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);
    /** Long enough for the application to be deployed when the runtime loads its job XML again. */
    private static final long DELAY_MILLIS = 5_000;
    private static final long INTERVAL_MILLIS = 60_000;
    /** A reservation gets its execution within milliseconds; one without for this long never will. */
    private static final int UNSTARTED_FOR_SECONDS = 60;

    @Resource
    TimerService timers;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @Inject
    JobRuns runs;

    @Inject
    BatchJobs jobs;

    @Inject
    ExecutionsHere here;

    /** How long a stopping application waits for its jobs to reach the end of their chunk. */
    @Inject
    @ConfigProperty(name = "supplysync.jobs.stop-wait-seconds", defaultValue = "60")
    int stopWaitSeconds;

    /** Executions created before this are not running: the application was not. */
    private Instant startedUp;

    @PostConstruct
    void atStartUp() {
        startedUp = Instant.now();
        timers.createIntervalTimer(DELAY_MILLIS, INTERVAL_MILLIS, new TimerConfig("interrupted jobs", false));
    }

    @PreDestroy
    void stopJobsRunningHere() {
        // Each job stops itself at its next page (HoldingsReader): the runtime refuses a stop asked from here, as the
        // application is no longer the caller it knows.
        Set<Long> executions = here.applicationStops();
        if (executions.isEmpty()) {
            return;
        }
        LOG.info(() -> "the application stops: waiting for executions " + executions + " to end their chunk");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(stopWaitSeconds);
        // Until each run's end is written too: the application's beans are gone once this returns.
        while (executions.stream().anyMatch(here::unfinished) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Long> left = executions.stream().filter(here::unfinished).toList();
        LOG.log(left.isEmpty() ? Level.INFO : Level.WARNING, () -> "the application stops: executions " + executions
                + " stopped" + (left.isEmpty() ? " between two chunks" : "; " + left + " not ended after "
                + stopWaitSeconds + " s, cut off"));
    }

    @Timeout
    void recover() {
        List<JobRun> unstarted;
        List<JobRun> active;
        try {
            unstarted = runs.unstarted(UNSTARTED_FOR_SECONDS);
            active = runs.active();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the active job runs; trying again in " + INTERVAL_MILLIS / 1000 + " s", e);
            return;
        }
        for (JobRun run : unstarted) {
            // Killed between the reservation and the start: there is nothing to restart, only a run to close.
            runs.ended(run.runId(), JobRun.State.FAILED);
            runs.failed(run.runId(), null, "the server stopped before the run's execution started");
        }
        for (JobRun run : active) {
            try {
                if (run.executionId() != null) {
                    recover(run);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not recover " + run.jobName() + " run " + run.runId()
                        + "; trying again in " + INTERVAL_MILLIS / 1000 + " s", e);
            }
        }
        resumeInitialisationsStoppedWithTheApplication();
    }

    private void resumeInitialisationsStoppedWithTheApplication() {
        List<JobRun> stopped;
        try {
            stopped = runs.stoppedWithApplication(Jobs.INITIALISE_SITE);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the initialisations stopped with the application", e);
            return;
        }
        for (JobRun run : stopped) {
            try {
                long restarted = jobs.restart(run).executionId();
                LOG.info(() -> "initialisation of site " + run.siteId() + " stopped with the application: restarted"
                        + " as execution " + restarted);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not restart the initialisation of site " + run.siteId()
                        + "; trying again in " + INTERVAL_MILLIS / 1000 + " s", e);
            }
        }
    }

    private void recover(JobRun run) {
        long executionId = run.executionId();
        if (here.running(executionId)) {
            return;  // a thread of this process runs it
        }
        Optional<JobExecution> execution = jobs.known(executionId);
        boolean endedUnwritten = here.endedUnwritten(executionId);
        if (execution.isPresent() && !endedUnwritten) {
            JobExecution known = execution.get();
            if (!RUNNING.contains(known.getBatchStatus())) {
                return;  // it ended, and its run is being resumed: the resumption attaches a new execution
            }
            if (known.getCreateTime() != null && !known.getCreateTime().toInstant().isBefore(startedUp)) {
                return;  // started since this application started, its first step not begun yet
            }
        }
        if (execution.isPresent() && RUNNING.contains(execution.get().getBatchStatus())) {
            markFailed(executionId);
        }
        runs.failed(run.runId(), executionId, (endedUnwritten
                ? "execution " + executionId + " ended while the database was unreachable"
                : "the application stopped while execution " + executionId + " ran")
                + "; it goes on from its last committed chunk when restarted");
        runs.ended(run.runId(), JobRun.State.FAILED);
        here.written(executionId);
        String cause = endedUnwritten ? "interrupted by a database failure" : "interrupted by a server stop";
        if (Jobs.INITIALISE_SITE.equals(run.jobName())) {
            long restarted = jobs.restart(runs.find(run.runId()).orElseThrow()).executionId();
            LOG.info(() -> "initialisation of site " + run.siteId() + " " + cause + ": restarted as execution " + restarted);
        } else {
            LOG.info(() -> run.jobName() + " run " + run.runId() + " " + cause + ": restart execution " + executionId
                    + " to go on");
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
