package org.supplysync.store.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.store.entity.NameVisibility;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps the visibility index in step with the visibility joins ({@code name_store_join} for names and patients,
 * {@code clinician_store_join} for prescribers, which behave like patients) and lets sync-with follow it.
 * A join with {@code inactive: true} is a delete, as Open mSupply reads it.
 */
@Dependent
public class VisibilityIndex {

    @PersistenceContext
    EntityManager em;

    @Inject
    SyncWithRules syncWithRules;

    /** The join was written ({@code deleted} false) or deleted; returns a store record now due at a site, if any. */
    public Optional<SyncWithRules.DueRecord> joinChanged(DataType type, String joinId, JsonObject join,
                                                         boolean deleted) {
        String nameId = text(join, type.patientField());
        String storeId = text(join, type.storeField());
        boolean visible = !deleted && !nameId.isEmpty() && !storeId.isEmpty()
                && !JsonValue.TRUE.equals(join.get("inactive"));

        NameVisibility before = em.find(NameVisibility.class, joinId);
        boolean unchanged = before != null && visible
                && Objects.equals(before.nameId(), nameId) && Objects.equals(before.storeId(), storeId);
        if (unchanged) {
            return Optional.empty();
        }
        if (before != null) {
            em.remove(before);
            em.flush();
            syncWithRules.nameBecameInvisible(before.nameId(), before.storeId());
        }
        if (visible) {
            em.persist(new NameVisibility(joinId, nameId, storeId));
            em.flush();
            return syncWithRules.nameBecameVisible(nameId, storeId);
        }
        return Optional.empty();
    }

    /** Whether the record is a prescription: a {@code transact} in dispensary mode (protocol doc §3.9). */
    public static boolean isPrescription(String tableName, JsonObject data) {
        return "transact".equals(tableName) && "dispensary".equals(text(data, "mode"));
    }

    /**
     * A prescriber who prescribed in a store is shared with that store's site from then on (the seed: prescribers are
     * "shared with dispensary stores on other sites where they've previously prescribed"): an implicit placement in
     * the index, under an id of its own that no join names, so no join removes it.
     */
    public void prescribedIn(String prescriberId, String storeId) {
        em.createNativeQuery("insert ignore into name_visibility (join_id, name_id, store_id) values (?, ?, ?)")
                .setParameter(1, "prescribed:" + UUID.nameUUIDFromBytes((prescriberId + "\n" + storeId).getBytes(StandardCharsets.UTF_8)))
                .setParameter(2, prescriberId).setParameter(3, storeId).executeUpdate();
    }

    private static String text(JsonObject join, String field) {
        return join.get(field) instanceof JsonString value ? value.getString() : "";
    }
}
