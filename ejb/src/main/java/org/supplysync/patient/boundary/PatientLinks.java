package org.supplysync.patient.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Audit;
import org.supplysync.platform.ConflictException;
import org.supplysync.platform.ForbiddenException;
import org.supplysync.platform.Requests;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.record.boundary.IntakeReport;
import org.supplysync.record.boundary.RecordIntake;
import org.supplysync.record.control.IncomingRecord;
import org.supplysync.record.entity.SyncRecord;
import org.supplysync.site.boundary.Sites;
import org.supplysync.site.entity.Site;
import org.supplysync.store.entity.Store;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.supplysync.platform.Jsons.JSON;

/**
 * Makes a patient of another site visible in a store of the calling site ({@code POST /api/v4/name_store_join}): a
 * {@code name_store_join} the central makes as the primary would, through the same intake as the records an
 * administrator edits on the central, so that it is indexed and routed like any other visibility. Audited, like every
 * access of a site to another site's patient.
 */
@Stateless
public class PatientLinks {

    static final String LINK = "patient.link";
    private static final int MAX_ID = 128;

    @PersistenceContext
    EntityManager em;

    @Inject
    RecordIntake intake;

    @Inject
    Sites sites;

    @Inject
    Audit audit;

    /** The visibility of the patient in the store: made now, or the one that exists already. */
    public Link link(int siteId, String nameId, String storeId) {
        Requests.required(nameId, "name_ID", MAX_ID);
        Requests.required(storeId, "store_ID", MAX_ID);
        Store store = em.find(Store.class, storeId);
        if (store == null) {
            throw UnknownResourceException.inBody("there is no store " + storeId);
        }
        if (!store.isActiveOn(siteId)) {
            throw new ForbiddenException("store " + storeId + " is not active on site " + siteId
                    + ": a site links patients into its own stores only");
        }
        SyncRecord name = em.find(SyncRecord.class, new SyncRecord.Key("name", nameId));
        if (name == null || name.isDeleted() || !name.isHeld()) {
            throw UnknownResourceException.inBody("the central server holds no patient " + nameId);
        }
        if (name.patientId() == null) {
            throw UnknownResourceException.inBody("name " + nameId + " is not a patient");
        }
        List<String> existing = em.createNativeQuery(
                        "select join_id from name_visibility where name_id = ? and store_id = ? order by join_id limit 1")
                .setParameter(1, nameId).setParameter(2, storeId).getResultList();
        Link link = existing.isEmpty() ? create(nameId, storeId) : new Link(existing.get(0), nameId, storeId);
        Site site = em.find(Site.class, siteId);
        audit.record(PatientDirectory.who(siteId), LINK, "patient " + nameId + " in store " + storeId,
                JSON.createObjectBuilder().add("site", siteId).add("siteName", site.name()).add("patient", nameId)
                        .add("store", storeId).add("join", link.id()).add("existing", !existing.isEmpty())
                        .build().toString());
        return link;
    }

    /**
     * As the primary makes it (only the primary, or the patient's home site in its own stores, may make another
     * site's patient visible; sync-rules.md "Patient visibility").
     */
    private Link create(String nameId, String storeId) {
        String joinId = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        JsonObject join = JSON.createObjectBuilder().add("ID", joinId).add("name_ID", nameId).add("store_ID", storeId)
                .add("inactive", false).build();
        IntakeReport report = intake.intakeAll(sites.primarySiteId(),
                List.of(new IncomingRecord("name_store_join", joinId, "Update", join)));
        if (!report.refused().isEmpty()) {
            throw new ConflictException("patient " + nameId + " cannot be linked to store " + storeId + ": "
                    + report.refused().get(0).reason());
        }
        return new Link(joinId, nameId, storeId);
    }

    /** A {@code name_store_join} that makes the patient visible in the store. */
    public record Link(String id, String nameId, String storeId) {
    }
}
