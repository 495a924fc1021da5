package org.supplysync.batch.control;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.enterprise.context.Dependent;
import org.supplysync.site.boundary.Sites;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the run's row in step with its executions: a step's failure is noted (for {@code GET /api/jobs/{id}}), and
 * when an execution ends its sites are free again; an initialisation that did not complete says so to its site.
 */
@Named
@Dependent
public class JobRunListener implements JobListener, StepListener {

    private static final Logger LOG = Logger.getLogger(JobRunListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    CurrentRun current;

    @Inject
    JobRuns runs;

    @Inject
    Sites sites;

    @Inject
    ExecutionsHere here;

    @Override
    public void beforeJob() {
        here.began(job.getExecutionId());
    }

    @Override
    public void afterJob() {
        // First, as nothing below may succeed (the database may be gone): the run then stays active, and
        // InterruptedJobs ends it once the database is back.
        here.ended(job.getExecutionId());
        // The runtime sets COMPLETED only after this listener: a run that got here without failing or stopping completed.
        JobRun.State state = switch (job.getBatchStatus()) {
            case FAILED, ABANDONED -> JobRun.State.FAILED;
            case STOPPING, STOPPED -> JobRun.State.STOPPED;
            default -> JobRun.State.COMPLETED;
        };
        JobRun run = current.run();
        boolean withApplication = state == JobRun.State.STOPPED && here.applicationStopping();
        if (withApplication) {
            runs.failed(run.runId(), job.getExecutionId(), JobRuns.STOPPED_WITH_APPLICATION);
        }
        runs.ended(run.runId(), state);
        // An initialisation stopped with the application goes on when it starts again: its site keeps waiting.
        if (state != JobRun.State.COMPLETED && Jobs.INITIALISE_SITE.equals(run.jobName()) && !withApplication) {
            sites.initialisationInterrupted(run.siteId());
        }
        here.written(job.getExecutionId());
        LOG.info(() -> run.jobName() + " run " + run.runId() + " (execution " + job.getExecutionId() + ") ended " + state);
    }

    @Override
    public void beforeStep() {
    }

    @Override
    public void afterStep() {
        Exception failure = step.getException();
        if (failure != null || step.getBatchStatus() == BatchStatus.FAILED) {
            String message = "step " + step.getStepName() + " failed" + (failure == null ? "" : ": " + rootMessage(failure));
            LOG.log(Level.WARNING, message, failure);
            runs.failed(current.runId(), job.getExecutionId(), message);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
