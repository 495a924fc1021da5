package org.supplysync.web.record;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.central.boundary.CentralSequencer;
import org.supplysync.platform.JsonBody;
import org.supplysync.platform.Jsons;
import org.supplysync.record.boundary.CentralEdits;
import org.supplysync.record.boundary.CentralRecords;
import org.supplysync.record.boundary.IntakeReport;
import org.supplysync.record.control.IncomingRecord;
import org.supplysync.record.entity.SyncRecord;
import org.supplysync.web.platform.PayloadTooLargeException;
import org.supplysync.web.security.AdminApi;

import java.time.ZoneOffset;

import static org.supplysync.platform.Jsons.JSON;

/**
 * Records edited on the central server: the central acting as site 1, under the same ownership checks as a
 * pushed record; and the central's copy of any record, for checks and support.
 */
@AdminApi
@Path("api/records")
@Produces(MediaType.APPLICATION_JSON)
public class RecordsResource {

    @Inject
    CentralEdits edits;

    @Context
    SecurityContext security;

    @Inject
    CentralSequencer sequencer;

    @Inject
    CentralRecords centralRecords;

    @Inject
    @ConfigProperty(name = "supplysync.sync.max-batch-records")
    int maxBatchRecords;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject edit(JsonBody body) {
        JsonArray data = body.array("data");
        if (data.size() > maxBatchRecords) {
            throw new PayloadTooLargeException(data.size() + " records in one request; at most " + maxBatchRecords);
        }
        IntakeReport report = edits.edit(IncomingRecord.allOf(data), security.getUserPrincipal().getName());
        // Committed: stamp its central changes now, so that a site reads them as soon as this call returns.
        sequencer.stampCommittedChanges();
        return JSON.createObjectBuilder().add("accepted", report.accepted())
                .add("refused", RefusalsJson.of(report.refused())).build();
    }

    @GET
    @Path("{tableName}/{recordId}")
    public JsonObject one(@PathParam("tableName") String tableName, @PathParam("recordId") String recordId) {
        SyncRecord record = centralRecords.find(tableName, recordId);
        return JSON.createObjectBuilder()
                .add("tableName", record.tableName())
                .add("recordId", record.recordId())
                .add("storeId", nullable(record.storeId()))
                .add("patientId", nullable(record.patientId()))
                .add("originSiteId", record.originSiteId())
                .add("deleted", record.isDeleted())
                .add("version", record.version())
                .add("updatedAt", record.updatedAt().toInstant(ZoneOffset.UTC).toString())
                .add("recordData", Jsons.parse(record.data()))
                .build();
    }

    private static JsonValue nullable(String value) {
        return RefusalsJson.nullable(value);
    }
}
