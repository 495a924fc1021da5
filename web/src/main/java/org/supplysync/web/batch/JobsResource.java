package org.supplysync.web.batch;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.supplysync.batch.boundary.BatchJobs;
import org.supplysync.batch.boundary.JobExecution;
import org.supplysync.web.security.AdminApi;

import java.util.Properties;

/** Starts batch jobs and reports their executions (which the server's admin console also lists). */
@AdminApi
@Path("api/batch")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @Inject
    BatchJobs jobs;

    @POST
    @Path("jobs/{jobName}")
    public Response start(@PathParam("jobName") String jobName, @Context UriInfo uri) {
        JobExecution execution = jobs.start(jobName, new Properties());
        return Response.accepted(execution)
                .location(uri.getBaseUriBuilder().path("api/batch/executions/{id}").build(execution.executionId()))
                .build();
    }

    @GET
    @Path("executions/{executionId}")
    public JobExecution execution(@PathParam("executionId") long executionId) {
        return jobs.execution(executionId);
    }
}
