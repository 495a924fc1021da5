package org.supplysync.patient.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.platform.Audit;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.Sql;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.record.boundary.RecordIntake;
import org.supplysync.record.control.CentralCopies;
import org.supplysync.record.control.CentralCopy;
import org.supplysync.record.control.CentralFacts;
import org.supplysync.record.control.IncomingRecord;
import org.supplysync.record.entity.SyncRecord;
import org.supplysync.routing.control.CentralRoutingFacts;
import org.supplysync.routing.control.OutboundQueues;
import org.supplysync.routing.control.OutboundRecord;
import org.supplysync.routing.control.RoutingPolicy;
import org.supplysync.site.boundary.Sites;
import org.supplysync.site.entity.Site;
import org.supplysync.store.entity.Store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.supplysync.platform.Jsons.JSON;

/**
 * A patient's home store, which no site can change and an administrator can (sync-rules.md, "A patient's home
 * store"; the seed's "Transferring patients to a different home store"). From then on only the site where the new
 * home store is active may edit the patient's data.
 */
@Stateless
public class PatientHomes {

    /** The patient record's field naming its home store (the registry's home store field of {@code name}). */
    private static final String NAME = "name";

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @Inject
    DataTypes dataTypes;

    @Inject
    RecordIntake intake;

    @Inject
    OutboundQueues queues;

    @Inject
    Sites sites;

    @Inject
    Audit audit;

    /**
     * Moves the patient's home to the store: the patient becomes visible there if it was not (so the new home site
     * gets its history, as any site that starts to see a patient), then its record, with the new home store, goes to
     * the central copy and every site that sees the patient. Audited. Returns the home store it had.
     */
    public String rehome(String patientId, String storeId, String administrator) {
        // Locked first: a push of the old home site changing the patient waits, and is then judged by the new home.
        SyncRecord patient = em.find(SyncRecord.class, new SyncRecord.Key(NAME, patientId), LockModeType.PESSIMISTIC_WRITE);
        if (patient == null || !patient.isHeld() || patient.isDeleted() || patient.patientId() == null) {
            throw UnknownResourceException.inPath("the central server holds no patient " + patientId);
        }
        if (storeId == null || storeId.isBlank()) {
            throw new InvalidRequestException("storeId is required: the patient's new home store");
        }
        if (em.find(Store.class, storeId) == null) {
            throw UnknownResourceException.inBody("there is no store " + storeId);
        }
        String before = patient.storeId();
        if (storeId.equals(before)) {
            return before;
        }
        makeVisible(patientId, storeId);
        DataType type = dataTypes.byTableName().get(NAME);
        String json = JSON.createObjectBuilder(CentralCopy.parse(patient.data()))
                .add(type.homeStoreField(), storeId).build().toString();
        writeAndRoute(type, patientId, json, storeId);
        audit.record(administrator, "patient.rehome", NAME + "/" + patientId, "home store " + before + " -> " + storeId);
        return before;
    }

    private void makeVisible(String patientId, String storeId) {
        boolean visible = !em.createQuery(
                        "select v.joinId from NameVisibility v where v.nameId = :nameId and v.storeId = :storeId", String.class)
                .setParameter("nameId", patientId).setParameter("storeId", storeId).setMaxResults(1)
                .getResultList().isEmpty();
        if (!visible) {
            String joinId = UUID.randomUUID().toString();
            JsonObject join = JSON.createObjectBuilder().add("ID", joinId).add("name_ID", patientId)
                    .add("store_ID", storeId).add("inactive", false).build();
            // As the primary makes it: only the primary may make a patient visible in another site's store.
            intake.intakeAll(sites.primarySiteId(), List.of(new IncomingRecord("name_store_join", joinId, "update", join)));
        }
    }

    private void writeAndRoute(DataType type, String patientId, String json, String storeId) {
        try (Connection db = dataSource.getConnection()) {
            CentralCopies copies = new CentralCopies(db);
            Map<String, DataType> registry = dataTypes.byTableName();
            CentralRoutingFacts routing = new CentralRoutingFacts(em, new CentralFacts(em, copies, registry.values()),
                    copies, registry);
            copies.write(NAME, patientId, json, storeId, patientId, Site.CENTRAL, true);
            copies.flush();
            RoutingPolicy.route(type, patientId, CentralCopy.parse(json), storeId, patientId, Site.CENTRAL, routing)
                    .sites().stream().sorted()
                    .forEach(site -> queues.send(site, List.of(new OutboundRecord(NAME, patientId, "update", json))));
        } catch (SQLException e) {
            throw Sql.failure("re-homing patient " + patientId, e);
        }
    }
}
