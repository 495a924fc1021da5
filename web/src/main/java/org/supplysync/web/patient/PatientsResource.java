package org.supplysync.web.patient;

import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.supplysync.patient.boundary.PatientHomes;
import org.supplysync.platform.JsonBody;
import org.supplysync.web.security.AdminApi;

/**
 * Patients as administrators manage them (an extension of admin-api.md): the home store, which no site can change.
 * {@code PUT /api/patients/{id}/home-store {"storeId"}} answers {@code {"patientId","homeStoreId","previousHomeStoreId"}}.
 */
@AdminApi
@Path("api/patients")
@Produces(MediaType.APPLICATION_JSON)
public class PatientsResource {

    @Inject
    PatientHomes homes;

    @Context
    SecurityContext security;

    @PUT
    @Path("{id}/home-store")
    public HomeStore rehome(@PathParam("id") String id, JsonBody body) {
        String storeId = body.text("storeId");
        String previous = homes.rehome(id, storeId, security.getUserPrincipal().getName());
        return new HomeStore(id, storeId, previous);
    }

    /** A patient's home store after the change, and the one before. */
    public record HomeStore(String patientId, String homeStoreId, String previousHomeStoreId) {
    }
}
