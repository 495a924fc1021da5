package org.supplysync.web.platform;

import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static org.supplysync.platform.Jsons.JSON;

/** RFC 9457 problem details: the one shape of every error the admin API returns. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    private Problems() {
    }

    public static Response response(int status, String title, String detail) {
        return build(status, title, detail).build();
    }

    public static Response.ResponseBuilder build(int status, String title, String detail) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            body.add("detail", ErrorResponses.safe(detail));
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body.build().toString());
    }

    /** A 500 that names an incident id the server log also names, and nothing of the failure itself. */
    public static Response incident(String incidentId) {
        String body = JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", "Internal server error")
                .add("status", 500)
                .add("detail", "the server failed to handle this request; the server log has the details under incident " + incidentId)
                .add("incident", incidentId)
                .build().toString();
        return Response.serverError().type(PROBLEM_JSON).entity(body).build();
    }
}
