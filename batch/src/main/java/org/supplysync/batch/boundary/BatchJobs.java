package org.supplysync.batch.boundary;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobStartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;
import org.supplysync.platform.UnknownResourceException;

import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.Set;

/**
 * Starts the application's batch jobs and reports their executions. The batch runtime keeps its job repository in
 * the application's MariaDB database, so executions survive restarts.
 */
@Stateless
public class BatchJobs {

    /** The jobs under META-INF/batch-jobs that administrators may start. */
    public static final Set<String> JOBS = Set.of("central-copy-census");

    public JobExecution start(String jobName, Properties parameters) {
        if (!JOBS.contains(jobName)) {
            throw UnknownResourceException.inPath("there is no batch job " + jobName + "; jobs: " + JOBS);
        }
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            return execution(operator, operator.start(jobName, parameters));
        } catch (JobStartException e) {
            throw new IllegalStateException("batch job " + jobName + " did not start", e);
        }
    }

    public JobExecution execution(long executionId) {
        try {
            return execution(BatchRuntime.getJobOperator(), executionId);
        } catch (NoSuchJobExecutionException e) {
            throw UnknownResourceException.inPath("there is no batch job execution " + executionId);
        }
    }

    private static JobExecution execution(JobOperator operator, long executionId) {
        var execution = operator.getJobExecution(executionId);
        return new JobExecution(executionId, execution.getJobName(), execution.getBatchStatus().name(),
                execution.getExitStatus(), instant(execution.getCreateTime()), instant(execution.getEndTime()));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
