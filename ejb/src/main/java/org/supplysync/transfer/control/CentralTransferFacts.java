package org.supplysync.transfer.control;

import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import org.supplysync.platform.Jsons;
import org.supplysync.record.control.CentralCopies;
import org.supplysync.store.entity.Store;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link TransferFacts} read from the database and the intake's central copy, remembered for one intake. */
public class CentralTransferFacts implements TransferFacts {

    private final EntityManager em;
    private final CentralCopies copies;
    private final Map<String, Optional<StoreFact>> stores = new HashMap<>();
    private final Map<String, Optional<StoreFact>> storesByName = new HashMap<>();
    private final Map<String, Boolean> visibility = new HashMap<>();

    public CentralTransferFacts(EntityManager em, CentralCopies copies) {
        this.em = em;
        this.copies = copies;
    }

    @Override
    public Optional<StoreFact> store(String storeId) {
        return stores.computeIfAbsent(storeId, id -> Optional.ofNullable(em.find(Store.class, id)).map(CentralTransferFacts::fact));
    }

    @Override
    public Optional<StoreFact> storeNamed(String nameId) {
        return storesByName.computeIfAbsent(nameId, name -> em.createNamedQuery(Store.BY_NAME_ID, Store.class)
                .setParameter("nameId", name).getResultStream().findFirst().map(CentralTransferFacts::fact));
    }

    @Override
    public boolean isOtherName(String nameId) {
        Optional<String> data = copies.data("name", nameId);
        if (data.isEmpty()) {
            return false;
        }
        JsonObject name = Jsons.parse(data.get());
        return !"store".equals(TransferRules.text(name, "type"));
    }

    @Override
    public boolean visible(String nameId, String inStoreId) {
        return visibility.computeIfAbsent(nameId + "\u0000" + inStoreId, key -> !em.createQuery(
                        "select v.joinId from NameVisibility v where v.nameId = :nameId and v.storeId = :storeId", String.class)
                .setParameter("nameId", nameId).setParameter("storeId", inStoreId).setMaxResults(1)
                .getResultList().isEmpty());
    }

    private static StoreFact fact(Store store) {
        return new StoreFact(store.id(), store.nameId(), store.activeSiteId());
    }
}
