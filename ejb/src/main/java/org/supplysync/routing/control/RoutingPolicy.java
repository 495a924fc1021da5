package org.supplysync.routing.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.site.entity.Site;
import org.supplysync.store.entity.SyncWithType;

import java.util.HashSet;
import java.util.Map;
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
        Route route = patientId != null ? patient(patientId, facts) : switch (type.type()) {
            case CENTRAL -> new Route(true, true, Set.of());
            case CENTRAL_STORE -> centralStore(type, storeId, facts);
            case STORE -> store(type, data, storeId, originSite, facts);
            case MESSAGE -> new Route(false, true, activeSite(storeId, facts));
            case PATIENT -> new Route(false, true, Set.of());
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
        if ("store".equals(type.tableName()) && storeId != null) {
            // The store record itself goes to every site that has a copy of the store.
            sites.addAll(facts.copiesOf(storeId).keySet());
        }
        return new Route(false, true, sites);
    }

    private static Route store(DataType type, JsonObject data, String storeId, int originSite, RoutingFacts facts) {
        Map<Integer, SyncWithType> copies = facts.copiesOf(storeId);
        int activeSite = facts.activeSiteOf(storeId).orElse(originSite);
        Optional<Integer> transferSite = transferSite(type, data, storeId, activeSite, facts);

        Set<Integer> sites = new HashSet<>();
        copies.forEach((site, copy) -> {
            if (copy == SyncWithType.ACTIVE_COLLECTOR || (copy == SyncWithType.TRANSFER && transferSite.isPresent())) {
                sites.add(site);
            }
        });
        transferSite.ifPresent(sites::add);

        SyncWithType centralCopy = activeSite == Site.CENTRAL ? SyncWithType.ACTIVE_COLLECTOR
                : copies.getOrDefault(Site.CENTRAL, SyncWithType.NONE);
        boolean held = centralCopy == SyncWithType.ACTIVE_COLLECTOR
                || (transferSite.isPresent() && (centralCopy == SyncWithType.TRANSFER || transferSite.get() == Site.CENTRAL));
        return new Route(false, held, sites);
    }

    /**
     * The site of the other store of a transfer: the record (or its parent) names another store's name, and that
     * store is active on another site. Between two stores of one site a transfer is that site's own business.
     */
    private static Optional<Integer> transferSite(DataType type, JsonObject data, String storeId, int activeSite,
                                                  RoutingFacts facts) {
        Optional<String> otherParty;
        if (type.transferField() != null) {
            otherParty = Optional.ofNullable(text(data, type.transferField()));
        } else if (type.parentTable() != null && text(data, type.parentField()) != null) {
            otherParty = facts.parentField(type.parentTable(), text(data, type.parentField()), "name_ID");
        } else {
            otherParty = Optional.empty();
        }
        return otherParty.flatMap(facts::storeNamed)
                .filter(other -> !other.equals(storeId))
                .flatMap(facts::activeSiteOf)
                .filter(site -> site != activeSite);
    }

    private static Set<Integer> activeSite(String storeId, RoutingFacts facts) {
        return storeId == null ? Set.of() : facts.activeSiteOf(storeId).map(Set::of).orElse(Set.of());
    }

    private static String text(JsonObject data, String field) {
        return field != null && data != null && data.get(field) instanceof JsonString value && !value.getString().isEmpty()
                ? value.getString() : null;
    }
}
