package org.supplysync.batch.boundary;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.supplysync.batch.control.CurrentRun;
import org.supplysync.batch.control.JobRun;
import org.supplysync.batch.control.JobRuns;
import org.supplysync.batch.control.Jobs;
import org.supplysync.batch.control.Reservation;
import org.supplysync.platform.AuditTrail;
import org.supplysync.platform.ConflictException;
import org.supplysync.platform.Jsons;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.site.boundary.Sites;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Starts, stops and restarts the resync jobs and reports their executions. A job works for its run ({@link JobRuns}):
 * at most one active run per site, whose position a restart goes on from. Jobs run in the server's batch runtime, its
 * repository in MariaDB, so the server's console and {@code asadmin list-batch-job-executions} show them too.
 * <p>
 * No container transaction here: the batch runtime starts the job on another thread, which must find committed what
 * was reserved for it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchJobs {

    private static final int LISTED = 200;
    private static final Set<BatchStatus> RUNNING = Set.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);

    @Inject
    JobRuns runs;

    @Inject
    JobRequests requests;

    @Inject
    Sites sites;

    @Inject
    AuditTrail auditTrail;

    /**
     * An administrator starts a job: parameters checked first (400, nothing started), 409 when a site is busy; once
     * started, audited under their name.
     */
    public JobView start(String jobName, JsonObject parameters, String who) {
        JobRequest request = requests.check(jobName, parameters);
        Reservation reservation = runs.reserve(jobName, request.parameters().toString(), request.siteId(),
                request.otherSiteId(), false);
        return audited(who, "job.start", execution(launch(reservation)));
    }

    /**
     * A site asks to be (re)initialised: a new run, or the one running (a re-POST joins it, never starts a second),
     * or the last one that was stopped or failed, restarted from where it was.
     */
    public JobRun initialise(int siteId) {
        JobRequest request = requests.initialise(siteId);
        Reservation reservation = runs.reserve(Jobs.INITIALISE_SITE, request.parameters().toString(), siteId, null, true);
        if (reservation.kind() != Reservation.Kind.JOINED) {
            sites.initialisationStarted(siteId);
            launch(reservation);
        }
        return reservation.run();
    }

    /** The run as it stands now. */
    public Optional<JobRun> run(long runId) {
        return runs.find(runId);
    }

    public List<JobView> executions() {
        return runs.recent(LISTED).stream().filter(run -> run.executionId() != null)
                .map(run -> view(run, run.executionId(), false)).toList();
    }

    public JobView execution(long executionId) {
        JobRun run = runOf(executionId);
        return view(run, executionId, true);
    }

    /** An administrator stops a running execution; audited under their name. */
    public JobView stop(long executionId, String who) {
        JobRun run = runOf(executionId);
        Optional<BatchStatus> status = known(executionId).map(JobExecution::getBatchStatus);
        if (status.isEmpty() || !RUNNING.contains(status.get())) {
            throw new ConflictException("execution " + executionId + " is " + status.map(Enum::name).orElse("gone")
                    + ", not running");
        }
        operator().stop(executionId);
        return audited(who, "job.stop", view(run, executionId, false));
    }

    /** An administrator restarts a stopped or failed execution ({@link #restart(long)}); audited under their name. */
    public JobView restart(long executionId, String who) {
        JobView restarted = restart(executionId);
        auditTrail.note(who, "job.restart", "job execution " + executionId, restarted.jobName() + " "
                + restarted.parameters() + ", going on as execution " + restarted.executionId());
        return restarted;
    }

    /** Restarts the run's last execution, stopped or failed, from the run's position: a new execution. */
    public JobView restart(long executionId) {
        JobRun run = runOf(executionId);
        if (run.executionId() == null || run.executionId() != executionId) {
            throw new ConflictException("execution " + executionId + " is not the last of its run: restart execution "
                    + run.executionId());
        }
        return restart(run);
    }

    /**
     * Restarts a stopped or failed run from its position. By the run, not by its execution: an execution of an earlier
     * deployment of the application is no longer the runtime's to show (it answers as if it did not exist).
     */
    public JobView restart(JobRun run) {
        if (run.state() == JobRun.State.ACTIVE || run.state() == JobRun.State.COMPLETED) {
            throw new ConflictException("execution " + run.executionId() + " is " + (run.active() ? "running" : "completed")
                    + "; only a stopped or failed one restarts");
        }
        JobRun resumed = runs.resume(run.runId());
        if (Jobs.INITIALISE_SITE.equals(run.jobName())) {
            sites.initialisationStarted(run.siteId());
        }
        return execution(launch(new Reservation(resumed, Reservation.Kind.RESUMED)));
    }

    private JobView audited(String who, String action, JobView execution) {
        auditTrail.note(who, action, "job execution " + execution.executionId(), execution.jobName() + " "
                + execution.parameters());
        return execution;
    }

    /** Starts (NEW) or restarts (RESUMED) the run's execution; the run ends FAILED if the runtime refuses. */
    private long launch(Reservation reservation) {
        JobRun run = reservation.run();
        Properties parameters = parameters(run);
        try {
            // A run whose execution the runtime no longer knows (its repository was purged with an undeployment)
            // goes on as a new execution all the same: its position is the run's, not the runtime's.
            long executionId = reservation.kind() == Reservation.Kind.RESUMED && known(run.executionId()).isPresent()
                    ? operator().restart(run.executionId(), parameters)
                    : operator().start(run.jobName(), parameters);
            runs.attach(run.runId(), executionId);
            return executionId;
        } catch (RuntimeException e) {
            runs.ended(run.runId(), JobRun.State.FAILED);
            runs.failed(run.runId(), run.executionId(), "the batch runtime did not start it: " + e.getMessage());
            if (Jobs.INITIALISE_SITE.equals(run.jobName())) {
                sites.initialisationInterrupted(run.siteId());
            }
            throw new IllegalStateException(run.jobName() + " run " + run.runId() + " did not start", e);
        }
    }

    private static Properties parameters(JobRun run) {
        Properties parameters = new Properties();
        Jsons.parse(run.parameters()).forEach((name, value) -> parameters.setProperty(name,
                value instanceof JsonString text ? text.getString() : value.toString()));
        parameters.setProperty(CurrentRun.RUN_ID, Long.toString(run.runId()));
        return parameters;
    }

    /**
     * The execution as the runtime knows it; empty when it does not (Payara's runtime answers an unknown id with a
     * JobSecurityException, or worse, rather than NoSuchJobExecutionException).
     */
    public Optional<JobExecution> known(Long executionId) {
        if (executionId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(operator().getJobExecution(executionId));
        } catch (RuntimeException unknown) {
            return Optional.empty();
        }
    }

    private JobRun runOf(long executionId) {
        // The run's current execution is in its row; the runtime would refuse one of an earlier deployment.
        Optional<JobRun> current = runs.withExecution(executionId);
        if (current.isPresent()) {
            return current.get();
        }
        Properties parameters;
        try {
            parameters = operator().getParameters(executionId);
        } catch (RuntimeException unknown) {
            throw UnknownResourceException.inPath("there is no job execution " + executionId);
        }
        String runId = parameters == null ? null : parameters.getProperty(CurrentRun.RUN_ID);
        if (runId == null) {
            throw UnknownResourceException.inPath("execution " + executionId + " is not of a supplysync job run");
        }
        return runs.find(Long.parseLong(runId))
                .orElseThrow(() -> UnknownResourceException.inPath("there is no job execution " + executionId));
    }

    private JobView view(JobRun run, long executionId, boolean withFailures) {
        Optional<JobExecution> known = known(executionId);
        if (known.isEmpty()) {
            // Forgotten by the runtime: what the run says of itself.
            return new JobView(executionId, run.runId(), run.jobName(), run.active() ? "STARTED" : run.state().name(),
                    Jsons.parse(run.parameters()), run.done(), run.total(), run.queued(), null, null, run.startedAt(),
                    run.endedAt(), null, withFailures ? runs.failures(run.runId()) : null);
        }
        JobExecution execution = known.get();
        Instant started = instant(execution.getStartTime() != null ? execution.getStartTime() : execution.getCreateTime());
        Instant ended = instant(execution.getEndTime());
        boolean running = RUNNING.contains(execution.getBatchStatus());
        Double rate = null;
        Long left = null;
        if (running && started != null) {
            double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            rate = run.done() / seconds;
            if (run.total() != null && rate > 0) {
                left = Math.round(Math.max(0, run.total() - run.done()) / rate);
            }
        }
        return new JobView(executionId, run.runId(), run.jobName(), execution.getBatchStatus().name(),
                Jsons.parse(run.parameters()), run.done(), run.total(), run.queued(), rate,
                left, started, ended, execution.getExitStatus(), withFailures ? runs.failures(run.runId()) : null);
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
