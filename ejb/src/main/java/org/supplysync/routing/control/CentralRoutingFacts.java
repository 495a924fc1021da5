package org.supplysync.routing.control;

import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.record.control.OwnershipFacts;
import org.supplysync.platform.Jsons;
import org.supplysync.record.control.CentralCopies;
import org.supplysync.store.entity.Store;
import org.supplysync.store.entity.SyncWith;
import org.supplysync.store.entity.SyncWithType;
import org.supplysync.transfer.control.TransferKind;
import org.supplysync.transfer.control.TransferLedger;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


/** {@link RoutingFacts} read from the database, remembered for one batch. */
public class CentralRoutingFacts implements RoutingFacts {

    private final EntityManager em;
    private final OwnershipFacts ownership;
    private final CentralCopies centralCopies;
    private final Map<String, DataType> registry;
    private final Map<String, Map<Integer, SyncWithType>> copies = new HashMap<>();
    private final Map<String, Optional<String>> storeByName = new HashMap<>();
    private final Map<String, Optional<String>> parentParties = new HashMap<>();
    private TransferLedger transfers;

    /** Store look-ups go through the batch's ownership facts, which remember them already. */
    public CentralRoutingFacts(EntityManager em, OwnershipFacts ownership, CentralCopies copies,
                               Map<String, DataType> registry) {
        this.em = em;
        this.ownership = ownership;
        this.centralCopies = copies;
        this.registry = registry;
    }

    /** Reads transfers through this ledger, the intake's, so that a transfer staged in this intake is seen. */
    public CentralRoutingFacts readingTransfersFrom(TransferLedger ledger) {
        this.transfers = ledger;
        return this;
    }

    @Override
    public Optional<String> transferPartner(String table, String recordId, String storeId) {
        if (!TransferKind.involves(table)) {
            return Optional.empty();
        }
        if (transfers == null) {
            transfers = new TransferLedger(centralCopies.connection());
        }
        return transfers.partner(table, recordId, storeId);
    }

    @Override
    public Optional<Integer> activeSiteOf(String storeId) {
        return ownership.activeSiteOf(storeId);
    }

    @Override
    public Map<Integer, SyncWithType> copiesOf(String storeId) {
        return copies.computeIfAbsent(storeId, id -> {
            Map<Integer, SyncWithType> found = new HashMap<>();
            em.createNamedQuery(SyncWith.OF_STORE, SyncWith.class).setParameter("storeId", id).getResultList()
                    .forEach(copy -> found.put(copy.siteId(), copy.type()));
            return found;
        });
    }

    @Override
    public Optional<String> storeNamed(String nameId) {
        return storeByName.computeIfAbsent(nameId, name -> em.createNamedQuery(Store.BY_NAME_ID, Store.class)
                .setParameter("nameId", name).getResultStream().findFirst().map(Store::id));
    }

    @Override
    public Set<Integer> sitesSeeing(String nameId) {
        // A locking read: it waits for a change of the patient's visibility that is being written and then sees it,
        // so a record routed now reaches a site whose new visibility commits first (see PatientHistory).
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select s.id, s.active_site_id from name_visibility v join store s on s.id = v.store_id
                        where v.name_id = ? lock in share mode""")
                .setParameter(1, nameId).getResultList();
        Set<Integer> sites = new HashSet<>();
        for (Object[] row : rows) {
            String storeId = (String) row[0];
            sites.add(((Number) row[1]).intValue());
            copiesOf(storeId).forEach((site, copy) -> {
                if (copy == SyncWithType.ACTIVE_COLLECTOR) {
                    sites.add(site);
                }
            });
        }
        return sites;
    }

    /** The stores in which the name (a patient) is visible. */
    public Set<String> storesSeeing(String nameId) {
        return new HashSet<>(em.createQuery("select v.storeId from NameVisibility v where v.nameId = :nameId",
                String.class).setParameter("nameId", nameId).getResultList());
    }

    @Override
    public Optional<String> transferPartyOfParent(String parentTable, String parentId) {
        // Read once per parent and batch: an invoice's lines come together, after every parent of the batch.
        return parentParties.computeIfAbsent(parentTable + "/" + parentId, key -> readTransferParty(parentTable, parentId));
    }

    private Optional<String> readTransferParty(String parentTable, String parentId) {
        DataType parentType = registry.get(parentTable);
        String field = parentType == null ? null : parentType.transferField();
        if (field == null) {
            return Optional.empty();
        }
        return centralCopies.data(parentTable, parentId)
                .map(Jsons::parse)
                .filter(data -> data.get(field) instanceof JsonString)
                .map(data -> data.getString(field))
                .filter(value -> !value.isEmpty());
    }
}
