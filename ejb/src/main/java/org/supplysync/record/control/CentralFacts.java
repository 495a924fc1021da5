package org.supplysync.record.control;

import jakarta.persistence.EntityManager;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.platform.CentralSettings;
import org.supplysync.site.entity.Site;
import org.supplysync.store.entity.Store;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link OwnershipFacts} read from the database, for one intake: store lookups are remembered for the batch,
 * records are read through the intake's {@link CentralCopies}, so a parent written earlier in the same batch is seen.
 */
public class CentralFacts implements OwnershipFacts {

    private final EntityManager em;
    private final CentralCopies copies;
    /** The tables whose records can be patients or prescribers themselves (name, clinician). */
    private final List<String> patientTables;
    private final Map<String, Optional<Store>> stores = new HashMap<>();
    private Integer primarySiteId;
    private Boolean centralisedProcurement;

    public CentralFacts(EntityManager em, CentralCopies copies, Collection<DataType> registry) {
        this.em = em;
        this.copies = copies;
        this.patientTables = registry.stream().filter(DataType::canBePatient).map(DataType::tableName).sorted().toList();
    }

    @Override
    public int primarySiteId() {
        if (primarySiteId == null) {
            primarySiteId = em.createNamedQuery(Site.PRIMARY, Site.class).getResultStream()
                    .findFirst().map(Site::id).orElse(Site.CENTRAL);
        }
        return primarySiteId;
    }

    @Override
    public boolean centralisedProcurement() {
        if (centralisedProcurement == null) {
            centralisedProcurement = CentralSettings.isOn(em, CentralSettings.CENTRALISED_PROCUREMENT);
        }
        return centralisedProcurement;
    }

    @Override
    public Optional<Integer> activeSiteOf(String storeId) {
        return store(storeId).map(Store::activeSiteId);
    }

    @Override
    public boolean sendsTransactions(String storeId) {
        return store(storeId).map(Store::sendsTransactions).orElse(true);
    }

    private Optional<Store> store(String storeId) {
        return stores.computeIfAbsent(storeId, id -> Optional.ofNullable(em.find(Store.class, id)));
    }

    @Override
    public Optional<KnownRecord> known(String tableName, String recordId) {
        return copies.find(tableName, recordId).map(r -> new KnownRecord(r.storeId(), r.patientId(), r.originSiteId()));
    }

    @Override
    public Optional<String> homeStoreOf(String patientId) {
        return knownPatient(patientId).map(KnownRecord::storeId);
    }

    @Override
    public boolean isPatient(String nameId) {
        return knownPatient(nameId).isPresent();
    }

    private Optional<KnownRecord> knownPatient(String id) {
        return patientTables.stream().map(table -> known(table, id))
                .flatMap(Optional::stream).filter(record -> record.patientId() != null).findFirst();
    }
}
