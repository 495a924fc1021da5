package org.supplysync.record.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.supplysync.datatype.entity.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may change which record (sync-rules.md, "Data types" and "Ownership checks"): a pure function of the data
 * type, the record, the site that sends it and the facts of the set-up. A refusal names the rule broken.
 * <p>
 * The central's copy decides: for a record the central already holds, its owner is the one the central knows, not the
 * one the pushed fields claim. A change that would give the record another owner needs a site that owns both.
 */
public final class OwnershipPolicy {

    private OwnershipPolicy() {
    }

    /** May the site write this version of the record ({@code data} as pushed)? */
    public static Verdict check(DataType type, String recordId, JsonObject data, int site, OwnershipFacts facts) {
        Claim claimed = claim(type, recordId, data, site, facts);
        if (claimed instanceof Claim.Invalid invalid) {
            return Verdict.refused(invalid.reason());
        }
        List<Owner> owners = new ArrayList<>(((Claim.Valid) claimed).owners());
        Optional<OwnershipFacts.KnownRecord> known = facts.known(type.tableName(), recordId);
        known.ifPresent(record -> owners.addAll(knownOwners(type, record, facts)));
        Verdict verdict = ((Claim.Valid) claimed).verdict();
        boolean patientData = verdict instanceof Verdict.Accepted accepted && accepted.patientId() != null;
        Optional<String> refusal = refusal(patientData ? "patient data" : kind(type), type, recordId, owners,
                known.isPresent(), site, facts);
        return refusal.<Verdict>map(Verdict::refused).orElse(verdict);
    }

    /** May the site delete the record? Only its known owner may; an unknown record is empty. */
    public static Optional<Verdict> checkDelete(DataType type, String recordId, int site, OwnershipFacts facts) {
        return facts.known(type.tableName(), recordId).map(known -> {
            Optional<String> refusal = refusal(known.patientId() != null ? "patient data" : kind(type), type, recordId,
                    knownOwners(type, known, facts), true, site, facts);
            return refusal.isPresent() ? Verdict.refused(refusal.get()) : Verdict.accepted(known.storeId(), known.patientId());
        });
    }

    /**
     * May the site merge {@code gone} into {@code kept}? Only on the tables the protocol merges, and only when the
     * site owns both records as the central knows them.
     */
    public static Verdict checkMerge(DataType type, String kept, String gone, int site, OwnershipFacts facts) {
        if (!type.isMergeable()) {
            return Verdict.refused("merge: " + type.tableName() + " records are never merged; the protocol merges"
                    + " name, item and clinician only");
        }
        if (kept.equals(gone)) {
            return Verdict.refused("merge: mergeIdToKeep and mergeIdToDelete are both " + kept);
        }
        Verdict keptVerdict = null;
        for (String id : List.of(kept, gone)) {
            Optional<Verdict> verdict = checkDelete(type, id, site, facts);
            if (verdict.isEmpty()) {
                return Verdict.refused("merge: the central server does not hold " + type.tableName() + " " + id
                        + ", so it cannot tell whose it is");
            }
            if (verdict.get() instanceof Verdict.Refused refused) {
                return Verdict.refused("merge of " + gone + " into " + kept + ": " + refused.reason());
            }
            keptVerdict = keptVerdict == null ? verdict.get() : keptVerdict;
        }
        return keptVerdict;
    }

    /** Who would own the record as pushed, and where it belongs; or why the push makes no sense. */
    private static Claim claim(DataType type, String recordId, JsonObject data, int site, OwnershipFacts facts) {
        String table = type.tableName();
        return switch (type.type()) {
            case LOCAL -> Claim.invalid("local data: " + table + " is never synced; it stays on the site that made it");
            case SYNC -> Claim.invalid("sync data: " + table + " is changed on the central server only, through its admin API");
            case MESSAGE -> Claim.valid(Verdict.accepted(field(data, type.storeField()), null), new Owner.AnySite());
            case SHARED -> Claim.valid(Verdict.accepted(null, null), new Owner.AnySite());
            // A user row names no store (its stores are local to the site), and what it says grants nothing here.
            case TO_CENTRAL -> Claim.valid(Verdict.accepted(null, null), new Owner.AnySite());
            case CENTRAL -> type.isPatientRecord(data)
                    ? patient(type, recordId, recordId, field(data, type.homeStoreField()), facts)
                    : Claim.valid(Verdict.accepted(null, null), new Owner.Primary());
            case CENTRAL_STORE -> centralStore(type, data, facts);
            case STORE -> store(type, recordId, data, site, facts);
            case PATIENT -> type.canBePatient()
                    ? patient(type, recordId, recordId, field(data, type.homeStoreField()), facts)
                    : type.isVisibilityJoin() && field(data, type.patientField()) != null
                    ? visibility(field(data, type.storeField()), field(data, type.patientField()), facts)
                    : patient(type, recordId, field(data, type.patientField()), null, facts);
        };
    }

    private static Claim centralStore(DataType type, JsonObject data, OwnershipFacts facts) {
        String storeId = field(data, type.storeField());
        String nameId = field(data, type.patientField());
        if (type.isVisibilityJoin() && nameId != null && facts.isPatient(nameId)) {
            return visibility(storeId, nameId, facts);
        }
        return Claim.valid(Verdict.accepted(storeId, null), new Owner.Primary());
    }

    /**
     * A patient or prescriber made visible in a store: the primary may (the seed's "visibility of existing patients
     * and prescribers: central store"), and so may the site where both the store and the home store are active
     * ("visibility of new patients and prescribers"): a site places its own patients in its own stores only.
     */
    private static Claim visibility(String storeId, String patientId, OwnershipFacts facts) {
        return Claim.valid(Verdict.accepted(storeId, patientId), visibilityOwner(storeId, patientId, facts));
    }

    private static Owner visibilityOwner(String storeId, String patientId, OwnershipFacts facts) {
        return new Owner.Either(new Owner.Primary(), new Owner.Both(storeOwner(storeId), patientOwner(patientId, facts)));
    }

    private static Claim store(DataType type, String recordId, JsonObject data, int site, OwnershipFacts facts) {
        String table = type.tableName();
        Optional<String> owner = ownerStore(type, data, facts);
        if (owner.isEmpty()) {
            return type.isLine()
                    ? Claim.invalid("store data: " + table + " " + recordId + " belongs to " + type.parentTable() + " "
                    + field(data, type.parentField()) + ", which the central server does not hold")
                    : Claim.invalid("store data: " + table + " " + recordId + " names no store in " + type.storeField());
        }
        String storeId = owner.get();
        // Asked only of the store's own site: any other site is refused as not the owner.
        if (type.isTransactionData() && facts.activeSiteOf(storeId).orElse(-1) == site && !facts.sendsTransactions(storeId)) {
            return Claim.invalid("store data: store " + storeId + " does not include transactions in sync; its "
                    + table + " records are not sent to the central server");
        }
        return Claim.valid(Verdict.accepted(storeId, null), storeDataOwner(type, storeId, facts));
    }

    /** A store's record, or a purchase order edited on the primary while centralised procurement is on (seed). */
    private static Owner storeDataOwner(DataType type, String storeId, OwnershipFacts facts) {
        return type.isProcurement() && facts.centralisedProcurement() ? new Owner.Primary() : new Owner.Store(storeId);
    }

    private static Optional<String> ownerStore(DataType type, JsonObject data, OwnershipFacts facts) {
        if (type.isLine()) {
            String parentId = field(data, type.parentField());
            return parentId == null ? Optional.empty()
                    : facts.known(type.parentTable(), parentId).map(OwnershipFacts.KnownRecord::storeId);
        }
        return Optional.ofNullable(field(data, type.storeField()));
    }

    /**
     * Patient data: owned through the patient's home store. A record naming no patient, or a patient with no home
     * store yet (a new prescriber, say), belongs to the site that first sent it.
     */
    private static Claim patient(DataType type, String recordId, String patientId, String ownHomeStore,
                                 OwnershipFacts facts) {
        if (patientId == null) {
            return Claim.valid(Verdict.accepted(null, null), new Owner.FirstSender(type.tableName(), recordId));
        }
        String homeStore = ownHomeStore != null ? ownHomeStore : facts.homeStoreOf(patientId).orElse(null);
        if (homeStore == null) {
            return Claim.valid(Verdict.accepted(null, patientId), new Owner.FirstSender(type.tableName(), recordId));
        }
        return Claim.valid(Verdict.accepted(homeStore, patientId), new Owner.Patient(patientId, homeStore));
    }

    /** The owner of a record as the central copy knows it. */
    private static List<Owner> knownOwners(DataType type, OwnershipFacts.KnownRecord known, OwnershipFacts facts) {
        return switch (type.type()) {
            case LOCAL, SYNC, MESSAGE, SHARED, TO_CENTRAL -> List.of();
            case CENTRAL -> known.patientId() != null ? List.of(knownPatient(type, known, facts)) : List.of(new Owner.Primary());
            case CENTRAL_STORE -> type.isVisibilityJoin() && known.patientId() != null
                    ? List.of(visibilityOwner(known.storeId(), known.patientId(), facts))
                    : List.of(new Owner.Primary());
            case STORE -> known.storeId() == null ? List.of() : List.of(storeDataOwner(type, known.storeId(), facts));
            case PATIENT -> type.isVisibilityJoin() && known.patientId() != null && known.storeId() != null
                    ? List.of(visibilityOwner(known.storeId(), known.patientId(), facts))
                    : List.of(knownPatient(type, known, facts));
        };
    }

    private static Owner knownPatient(DataType type, OwnershipFacts.KnownRecord known, OwnershipFacts facts) {
        String homeStore = known.patientId() == null ? null
                : facts.homeStoreOf(known.patientId()).orElse(type.canBePatient() ? known.storeId() : null);
        return homeStore == null ? new Owner.KnownSender(known.originSiteId())
                : new Owner.Patient(known.patientId(), homeStore);
    }

    private static Owner storeOwner(String storeId) {
        return storeId == null ? new Owner.Nobody("it names no store") : new Owner.Store(storeId);
    }

    private static Owner patientOwner(String patientId, OwnershipFacts facts) {
        return facts.homeStoreOf(patientId).<Owner>map(home -> new Owner.Patient(patientId, home))
                .orElse(new Owner.Nobody("patient " + patientId + " has no home store"));
    }

    /** Why the site may not change a record with these owners (all of them must be the site's), if it may not. */
    private static Optional<String> refusal(String kind, DataType type, String recordId, List<Owner> owners,
                                            boolean known, int site, OwnershipFacts facts) {
        for (Owner owner : owners) {
            Optional<String> notOwned = notOwned(owner, site, facts);
            if (notOwned.isPresent()) {
                String what = type.tableName() + " " + recordId;
                return Optional.of(kind + ": " + what + " " + notOwned.get()
                        + (known && owners.size() > 1 ? " (a change of owner needs a site that owns both)" : ""));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> notOwned(Owner owner, int site, OwnershipFacts facts) {
        if (owner instanceof Owner.AnySite) {
            return Optional.empty();
        }
        if (owner instanceof Owner.Nobody nobody) {
            return Optional.of("cannot be changed by a site: " + nobody.why());
        }
        if (owner instanceof Owner.Primary) {
            return facts.primarySiteId() == site ? Optional.empty()
                    : Optional.of("is changed on the primary server (site " + facts.primarySiteId() + ") only, not on site " + site);
        }
        if (owner instanceof Owner.Store store) {
            return activeSite(store.storeId(), site, facts, "belongs to store " + store.storeId());
        }
        if (owner instanceof Owner.Patient patient) {
            return activeSite(patient.homeStore(), site, facts,
                    "belongs to patient " + patient.patientId() + ", whose home store is " + patient.homeStore());
        }
        if (owner instanceof Owner.FirstSender first) {
            return facts.known(first.tableName(), first.recordId())
                    .map(OwnershipFacts.KnownRecord::originSiteId)
                    .filter(origin -> origin != site)
                    .map(origin -> "has no home store and came from site " + origin + "; only that site may change it");
        }
        if (owner instanceof Owner.KnownSender sender) {
            return sender.siteId() == site ? Optional.empty()
                    : Optional.of("has no home store and came from site " + sender.siteId() + "; only that site may change it");
        }
        if (owner instanceof Owner.Both both) {
            return notOwned(both.first(), site, facts).or(() -> notOwned(both.second(), site, facts));
        }
        Owner.Either either = (Owner.Either) owner;
        return notOwned(either.first(), site, facts).isEmpty() ? Optional.empty() : notOwned(either.second(), site, facts);
    }

    private static Optional<String> activeSite(String storeId, int site, OwnershipFacts facts, String belongs) {
        Optional<Integer> active = facts.activeSiteOf(storeId);
        if (active.isEmpty()) {
            return Optional.of(belongs + ", which is unknown to the central server");
        }
        return active.get() == site ? Optional.empty()
                : Optional.of(belongs + ", active on site " + active.get() + "; only that site may change it");
    }

    private static String kind(DataType type) {
        return switch (type.type()) {
            case CENTRAL -> "central data";
            case CENTRAL_STORE -> "central store data";
            case STORE -> "store data";
            case PATIENT -> "patient data";
            case SHARED -> "shared data";
            case TO_CENTRAL -> "data for the central";
            case MESSAGE -> "message";
            case LOCAL -> "local data";
            case SYNC -> "sync data";
        };
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

    /** Whom a record belongs to; a site may change it when it is that owner. */
    private sealed interface Owner {
        record AnySite() implements Owner {
        }

        record Nobody(String why) implements Owner {
        }

        record Primary() implements Owner {
        }

        record Store(String storeId) implements Owner {
        }

        record Patient(String patientId, String homeStore) implements Owner {
        }

        /** A new record with no home store: its first sender, which is whoever sends it now if the central has none. */
        record FirstSender(String tableName, String recordId) implements Owner {
        }

        record KnownSender(int siteId) implements Owner {
        }

        record Both(Owner first, Owner second) implements Owner {
        }

        record Either(Owner first, Owner second) implements Owner {
        }
    }

    /** What a pushed version claims: its owners and the verdict if the site owns them, or why it is invalid. */
    private sealed interface Claim {
        record Valid(Verdict verdict, List<Owner> owners) implements Claim {
        }

        record Invalid(String reason) implements Claim {
        }

        static Claim valid(Verdict verdict, Owner owner) {
            return new Valid(verdict, List.of(owner));
        }

        static Claim invalid(String reason) {
            return new Invalid(reason);
        }
    }
}
