package org.supplysync.web.batch;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.supplysync.batch.boundary.BatchJobs;
import org.supplysync.batch.boundary.JobView;
import org.supplysync.platform.JsonBody;
import org.supplysync.web.security.AdminApi;

import java.util.List;

/**
 * The resync jobs (admin-api.md, "Jobs"): start one with its parameters, follow its executions' progress, stop and
 * restart them. The server's admin console lists the same executions.
 */
@AdminApi
@Path("api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @Inject
    BatchJobs jobs;

    @Context
    SecurityContext security;

    /** The body, if any, is a JSON object of the job's parameters. */
    @POST
    @Path("{jobName}")
    @Consumes(MediaType.WILDCARD)
    public Response start(@PathParam("jobName") String jobName, JsonBody parameters, @Context UriInfo uri) {
        return accepted(jobs.start(jobName, parameters.json(), who()), uri);
    }

    @GET
    public List<JobView> executions() {
        return jobs.executions();
    }

    @GET
    @Path("{executionId: [0-9]+}")
    public JobView execution(@PathParam("executionId") long executionId) {
        return jobs.execution(executionId);
    }

    @POST
    @Path("{executionId: [0-9]+}/stop")
    @Consumes(MediaType.WILDCARD)
    public Response stop(@PathParam("executionId") long executionId, @Context UriInfo uri) {
        return accepted(jobs.stop(executionId, who()), uri);
    }

    /** A new execution of the same run, going on from its last committed chunk. */
    @POST
    @Path("{executionId: [0-9]+}/restart")
    @Consumes(MediaType.WILDCARD)
    public Response restart(@PathParam("executionId") long executionId, @Context UriInfo uri) {
        return accepted(jobs.restart(executionId, who()), uri);
    }

    private String who() {
        return security.getUserPrincipal().getName();
    }

    private static Response accepted(JobView execution, UriInfo uri) {
        return Response.accepted(execution)
                .location(uri.getBaseUriBuilder().path("api/jobs/{id}").build(execution.executionId())).build();
    }
}
