package org.supplysync.batch.control;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.util.Properties;

/** The run a batch artefact works for, named by the {@code runId} parameter of its execution. */
@Dependent
public class CurrentRun {

    public static final String RUN_ID = "runId";

    @Inject
    JobContext job;

    @Inject
    JobRuns runs;

    public long runId() {
        return Long.parseLong(parameters().getProperty(RUN_ID));
    }

    public long executionId() {
        return job.getExecutionId();
    }

    public JobRun run() {
        return runs.find(runId()).orElseThrow(() -> new IllegalStateException("there is no job run " + runId()));
    }

    private Properties parameters() {
        return BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
    }
}
