package org.supplysync.record.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.supplysync.datatype.entity.DataType;

import java.util.Optional;

/**
 * Who may change which record (sync-rules.md, "Data types" and "Ownership checks"): a pure function of the data
 * type, the record, the site that sends it and the facts of the set-up. A refusal names the rule broken.
 */
public final class OwnershipPolicy {

    private OwnershipPolicy() {
    }

    /**
     * @param data the record's fields: what was pushed, or for a delete the central copy's last version
     */
    public static Verdict check(DataType type, String recordId, JsonObject data, int site, OwnershipFacts facts) {
        String table = type.tableName();
        return switch (type.type()) {
            case LOCAL -> Verdict.refused("local data: " + table + " is never synced; it stays on the site that made it");
            case SYNC -> Verdict.refused("sync data: " + table + " is changed on the central server only, through its admin API");
            case MESSAGE -> Verdict.accepted(field(data, type.storeField()), null);
            case CENTRAL -> "name".equals(table) && isPatientName(data)
                    ? patient(table, recordId, recordId, field(data, "supplying_store_id"), site, facts)
                    : primaryOnly(table, "central data", site, facts, null);
            case CENTRAL_STORE -> centralStore(type, data, site, facts);
            case STORE -> store(type, recordId, data, site, facts);
            case PATIENT -> {
                String patientId = field(data, type.patientField());
                yield patient(table, recordId, patientId, field(data, type.storeField()), site, facts);
            }
        };
    }

    private static Verdict primaryOnly(String table, String kind, int site, OwnershipFacts facts, String storeId) {
        int primary = facts.primarySiteId();
        if (site != primary) {
            return Verdict.refused(kind + ": " + table + " is changed on the primary server (site " + primary
                    + ") only, not on site " + site);
        }
        return Verdict.accepted(storeId, null);
    }

    private static Verdict centralStore(DataType type, JsonObject data, int site, OwnershipFacts facts) {
        String storeId = field(data, type.storeField());
        String nameId = field(data, type.patientField());
        // New visibility of a patient, made in a store of the pushing site, is patient data (the seed's special case).
        if ("name_store_join".equals(type.tableName()) && nameId != null && facts.isPatient(nameId)
                && storeId != null && facts.activeSiteOf(storeId).orElse(-1) == site) {
            return Verdict.accepted(storeId, nameId);
        }
        return primaryOnly(type.tableName(), "central store data", site, facts, storeId);
    }

    private static Verdict store(DataType type, String recordId, JsonObject data, int site, OwnershipFacts facts) {
        String table = type.tableName();
        Optional<String> owner = ownerStore(type, data, facts);
        if (owner.isEmpty()) {
            return type.parentTable() != null
                    ? Verdict.refused("store data: " + table + " " + recordId + " belongs to " + type.parentTable() + " "
                    + field(data, type.parentField()) + ", which the central server does not hold")
                    : Verdict.refused("store data: " + table + " " + recordId + " names no store in " + type.storeField());
        }
        String storeId = owner.get();
        Optional<Integer> activeSite = facts.activeSiteOf(storeId);
        if (activeSite.isEmpty()) {
            return Verdict.refused("store data: store " + storeId + " is unknown to the central server");
        }
        if (activeSite.get() != site) {
            return Verdict.refused("store data: store " + storeId + " is active on site " + activeSite.get()
                    + "; only that site may change " + table + " " + recordId);
        }
        if (type.isTransactionData() && !facts.sendsTransactions(storeId)) {
            return Verdict.refused("store data: store " + storeId + " does not include transactions in sync; its "
                    + table + " records are not sent to the central server");
        }
        Optional<String> previousStore = facts.known(table, recordId).map(OwnershipFacts.KnownRecord::storeId);
        if (previousStore.isPresent() && !previousStore.get().equals(storeId)
                && facts.activeSiteOf(previousStore.get()).orElse(-1) != site) {
            return Verdict.refused("store data: " + table + " " + recordId + " belongs to store " + previousStore.get()
                    + ", active on another site; a record cannot move to a store active elsewhere");
        }
        return Verdict.accepted(storeId, null);
    }

    private static Optional<String> ownerStore(DataType type, JsonObject data, OwnershipFacts facts) {
        if (type.parentTable() != null) {
            String parentId = field(data, type.parentField());
            return parentId == null ? Optional.empty()
                    : facts.known(type.parentTable(), parentId).map(OwnershipFacts.KnownRecord::storeId);
        }
        return Optional.ofNullable(field(data, type.storeField()));
    }

    private static Verdict patient(String table, String recordId, String patientId, String recordHomeStore, int site,
                                   OwnershipFacts facts) {
        if (patientId == null) {
            return Verdict.refused("patient data: " + table + " " + recordId + " names no patient");
        }
        String homeStore = recordHomeStore != null ? recordHomeStore : facts.homeStoreOf(patientId).orElse(null);
        if (homeStore == null) {
            // No home store yet (a new prescriber, say): the site that first sent it owns it.
            int origin = facts.known(table, recordId).map(OwnershipFacts.KnownRecord::originSiteId).orElse(site);
            return origin == site ? Verdict.accepted(null, patientId)
                    : Verdict.refused("patient data: " + table + " " + recordId + " has no home store and came from site "
                    + origin + "; only that site may change it");
        }
        Optional<Integer> homeSite = facts.activeSiteOf(homeStore);
        if (homeSite.isEmpty()) {
            return Verdict.refused("patient data: home store " + homeStore + " of " + patientId + " is unknown to the central server");
        }
        if (homeSite.get() != site) {
            return Verdict.refused("patient data: " + patientId + "'s home store " + homeStore + " is active on site "
                    + homeSite.get() + "; only that site may change " + table + " " + recordId);
        }
        return Verdict.accepted(homeStore, patientId);
    }

    static boolean isPatientName(JsonObject data) {
        return "patient".equals(field(data, "type"));
    }

    /** A text field of the record, or null when it is missing, not text, or empty (mSupply's "no value"). */
    static String field(JsonObject data, String name) {
        if (name == null || data == null) {
            return null;
        }
        JsonValue value = data.get(name);
        if (value instanceof JsonString text && !text.getString().isEmpty()) {
            return text.getString();
        }
        return null;
    }
}
