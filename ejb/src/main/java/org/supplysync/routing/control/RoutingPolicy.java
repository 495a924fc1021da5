package org.supplysync.routing.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.datatype.entity.DataTypeKind;
import org.supplysync.site.entity.Site;
import org.supplysync.store.entity.SyncWithType;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where an accepted change goes (sync-rules.md, "Data types" and the seed's stores A–F), as a pure function.
 * A site never gets its own change back, and the central server (site 1) is never a queue: its copy is the central
 * copy itself.
 */
public final class RoutingPolicy {

    private RoutingPolicy() {
    }

    /**
     * @param storeId   the store the record belongs to (for patient data, the patient's home store), or null
     * @param patientId the patient the record belongs to, or null
     */
    public static Route route(DataType type, JsonObject data, String storeId, String patientId, int originSite,
                              RoutingFacts facts) {
        return route(type, text(data, "ID"), data, storeId, patientId, originSite, facts);
    }

    /** As {@link #route(DataType, JsonObject, String, String, int, RoutingFacts)}, for the record with this id. */
    public static Route route(DataType type, String recordId, JsonObject data, String storeId, String patientId,
                              int originSite, RoutingFacts facts) {
        Route route = patientId != null ? patient(patientId, facts) : switch (type.type()) {
            case CENTRAL, SHARED -> new Route(true, true, Set.of());
            case CENTRAL_STORE -> centralStore(type, storeId, facts);
            case STORE -> store(type, recordId, data, storeId, originSite, facts);
            case MESSAGE -> new Route(false, true, activeSite(storeId, facts));
            // patient data that names no patient (a program document, say): kept, sent nowhere
            case PATIENT -> new Route(false, true, Set.of());
            case TO_CENTRAL -> new Route(false, true, Set.of());
            case LOCAL, SYNC -> new Route(false, false, Set.of());
        };
        Set<Integer> sites = new HashSet<>(route.sites());
        sites.remove(originSite);
        sites.remove(Site.CENTRAL);
        return new Route(route.centralChangeLog(), route.heldCentrally(), Set.copyOf(sites));
    }

    private static Route patient(String patientId, RoutingFacts facts) {
        return new Route(false, true, facts.sitesSeeing(patientId));
    }

    private static Route centralStore(DataType type, String storeId, RoutingFacts facts) {
        Set<Integer> sites = new HashSet<>(activeSite(storeId, facts));
        if (type.goesToEveryCopy() && storeId != null) {
            sites.addAll(facts.copiesOf(storeId).keySet());
        }
        return new Route(false, true, sites);
    }

    /**
     * Store data goes to the store's active site and its collector copies; a record of a transfer the central knows
     * (either half, and its lines) also to the other store's (sync-rules.md, "Where transfer records go"): a transfer
     * copy receives nothing it takes no part in. A record that names another store is kept centrally whatever its
     * store's copy there: the central completes transfers from its copy.
     */
    private static Route store(DataType type, String recordId, JsonObject data, String storeId, int originSite,
                               RoutingFacts facts) {
        Set<Integer> sites = new HashSet<>();
        boolean held = holdsOf(storeId, originSite, facts, sites);
        Optional<String> otherStore = otherStore(type, recordId, data, storeId, facts);
        if (otherStore.isPresent()) {
            holdsOf(otherStore.get(), originSite, facts, sites);
        }
        held |= otherStore.isPresent() || namesOtherStore(type, data, storeId, facts);
        return new Route(false, held, sites);
    }

    /** Adds the sites holding the store's data (active and collectors); true when the central is one of them. */
    private static boolean holdsOf(String storeId, int originSite, RoutingFacts facts, Set<Integer> sites) {
        int activeSite = facts.activeSiteOf(storeId).orElse(originSite);
        sites.add(activeSite);
        facts.copiesOf(storeId).forEach((site, copy) -> {
            if (copy == SyncWithType.ACTIVE_COLLECTOR) {
                sites.add(site);
            }
        });
        return sites.contains(Site.CENTRAL);
    }

    /**
     * The remote sites that would start to see a patient if it became visible in the store: the store's active site
     * and its collector copies, less those that see the patient already (and the central, which is no queue).
     */
    public static Set<Integer> sitesGaining(String patientId, String storeId, RoutingFacts facts) {
        Set<Integer> sites = new HashSet<>();
        facts.activeSiteOf(storeId).ifPresent(activeSite -> holdsOf(storeId, activeSite, facts, sites));
        sites.removeAll(facts.sitesSeeing(patientId));
        sites.remove(Site.CENTRAL);
        return sites;
    }

    /**
     * The stores whose sites a store record goes to: its own and, for a transfer, the other party's (a resync of one
     * store queues the records it takes part in).
     */
    public static Set<String> storesOf(DataType type, JsonObject data, String storeId, RoutingFacts facts) {
        Set<String> stores = new HashSet<>();
        if (storeId != null) {
            stores.add(storeId);
        }
        if (type.type() == DataTypeKind.STORE) {
            otherStore(type, text(data, "ID"), data, storeId, facts).ifPresent(stores::add);
        }
        return stores;
    }

    /**
     * The other store of a transfer the central knows the record (or, for a line, its parent) takes part in. An
     * initiating half reaches the other store's sites only once the transfer is triggered and known (sync-rules.md
     * "Transfers": until then it is its store's data); between two stores of one site it still goes where both
     * stores' data goes.
     */
    private static Optional<String> otherStore(DataType type, String recordId, JsonObject data, String storeId,
                                               RoutingFacts facts) {
        Optional<String> partner;
        if (type.isLine()) {
            String parentId = text(data, type.parentField());
            partner = parentId == null ? Optional.empty() : facts.transferPartner(type.parentTable(), parentId, storeId);
        } else {
            partner = recordId == null ? Optional.empty() : facts.transferPartner(type.tableName(), recordId, storeId);
        }
        return partner.filter(other -> !other.equals(storeId)).filter(other -> facts.activeSiteOf(other).isPresent());
    }

    /** Whether the record (or its parent) names another store as the other party: it may be, or become, a transfer. */
    private static boolean namesOtherStore(DataType type, JsonObject data, String storeId, RoutingFacts facts) {
        Optional<String> otherParty;
        if (type.transferField() != null) {
            otherParty = Optional.ofNullable(text(data, type.transferField()));
        } else if (type.isLine() && text(data, type.parentField()) != null) {
            otherParty = facts.transferPartyOfParent(type.parentTable(), text(data, type.parentField()));
        } else {
            otherParty = Optional.empty();
        }
        return otherParty.flatMap(facts::storeNamed).filter(other -> !other.equals(storeId)).isPresent();
    }

    private static Set<Integer> activeSite(String storeId, RoutingFacts facts) {
        return storeId == null ? Set.of() : facts.activeSiteOf(storeId).map(Set::of).orElse(Set.of());
    }

    private static String text(JsonObject data, String field) {
        return field != null && data != null && data.get(field) instanceof JsonString value && !value.getString().isEmpty()
                ? value.getString() : null;
    }
}
