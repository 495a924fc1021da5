package org.supplysync.web.v4;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.supplysync.patient.boundary.FoundPatient;
import org.supplysync.patient.boundary.PatientDirectory;
import org.supplysync.patient.boundary.PatientLinks;
import org.supplysync.patient.boundary.SearchLimitReached;
import org.supplysync.patient.control.PatientQuery;
import org.supplysync.platform.JsonBody;
import org.supplysync.web.platform.ErrorResponses;

import java.util.HashMap;
import java.util.Map;

import static org.supplysync.platform.Jsons.JSON;

/**
 * Finding and linking a patient of another site, as Open mSupply calls the legacy server (apis/patient_v4.rs):
 * {@code GET /api/v4/patient} answers {@code PatientV4} rows, {@code POST /api/v4/name_store_join} a
 * {@code NameStoreJoinV2}.
 */
@SiteV4Api
@Path("api/v4")
@Produces(MediaType.APPLICATION_JSON)
public class PatientsV4Resource {

    /** How PatientV4 says "no date of birth" (its deserialiser maps it to None). */
    private static final String NO_DATE = "0000-00-00T00:00:00";

    @Inject
    PatientDirectory directory;

    @Inject
    PatientLinks links;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    /** The patients the central holds that match, in PatientV4's shape; 429 with Retry-After over the site's limit. */
    @GET
    @Path("patient")
    public Response search() {
        Map<String, String> parameters = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> parameters.put(name, values.get(0)));
        PatientQuery query = PatientQuery.of(parameters);
        try {
            JsonArrayBuilder patients = JSON.createArrayBuilder();
            for (FoundPatient found : directory.search(siteId(), query)) {
                patients.add(JSON.createObjectBuilder()
                        .add("ID", found.id())
                        .add("name", found.name())
                        .add("phone", found.phone())
                        .add("email", found.email())
                        .add("code", found.code())
                        .add("last", found.last())
                        .add("first", found.first())
                        .add("date_of_birth", found.dateOfBirth() == null ? NO_DATE : found.dateOfBirth() + "T00:00:00"));
            }
            return Response.ok(patients.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (SearchLimitReached limit) {
            return Response.fromResponse(ErrorResponses.v4(limit.status(), limit.getMessage()))
                    .header(HttpHeaders.RETRY_AFTER, limit.retryAfterSeconds()).build();
        }
    }

    /** Makes the patient visible in a store active on the calling site; the existing join if it is already. */
    @POST
    @Path("name_store_join")
    @Consumes(MediaType.WILDCARD)
    public JsonObject link(JsonBody body) {
        PatientLinks.Link link = links.link(siteId(), body.text("name_ID"), body.text("store_ID"));
        return JSON.createObjectBuilder()
                .add("ID", link.id())
                .add("name_ID", link.nameId())
                .add("store_ID", link.storeId())
                .add("inactive", false)
                .build();
    }

    private int siteId() {
        return (Integer) request.getAttribute(SiteV4Authentication.SITE_ID);
    }
}
