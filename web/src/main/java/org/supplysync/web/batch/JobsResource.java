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
import jakarta.ws.rs.core.UriInfo;
import org.supplysync.batch.boundary.BatchJobs;
import org.supplysync.batch.boundary.JobExecution;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.JsonBody;
import org.supplysync.platform.Jsons;
import org.supplysync.web.security.AdminApi;

import java.util.Properties;

/** Starts batch jobs and reports their executions (which the server's admin console also lists). */
@AdminApi
@Path("api/batch")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @Inject
    BatchJobs jobs;

    /** The body, if any, is a JSON object of job parameters, each a string, an integer or a boolean. */
    @POST
    @Path("jobs/{jobName}")
    @Consumes(MediaType.WILDCARD)
    public Response start(@PathParam("jobName") String jobName, JsonBody parameters, @Context UriInfo uri) {
        JobExecution execution = jobs.start(jobName, properties(parameters));
        return Response.accepted(execution)
                .location(uri.getBaseUriBuilder().path("api/batch/executions/{id}").build(execution.executionId()))
                .build();
    }

    private static Properties properties(JsonBody parameters) {
        Properties properties = new Properties();
        parameters.json().forEach((name, value) -> properties.setProperty(name, switch (value.getValueType()) {
            case STRING -> parameters.text(name);
            case NUMBER -> Long.toString(parameters.wholeNumber(name));
            case TRUE, FALSE -> Boolean.toString(parameters.bool(name));
            default -> throw new InvalidRequestException("job parameter " + name + " must be a string, an integer or"
                    + " a boolean, got " + Jsons.describe(value));
        }));
        return properties;
    }

    @GET
    @Path("executions/{executionId}")
    public JobExecution execution(@PathParam("executionId") long executionId) {
        return jobs.execution(executionId);
    }
}
