package org.supplysync.transfer.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Audit;
import org.supplysync.platform.CentralSettings;
import org.supplysync.platform.Sql;
import org.supplysync.platform.UnknownResourceException;

import java.util.List;

/**
 * The transfers the central knows, for administrators: the ones it could not complete (beside refusals and
 * quarantine), one transfer by its initiating record, and the centralised procurement setting.
 */
@Stateless
public class Transfers {

    private static final String COLUMNS = "initiating_table, initiating_id, kind, status, initiating_store,"
            + " initiating_site, responding_store, responding_table, responding_id, made_by_site, reason, numbered,"
            + " created_at, updated_at";

    @PersistenceContext
    EntityManager em;

    @Inject
    Audit audit;

    /** The transfers the central could not complete, the most recently seen first. */
    public List<TransferView> failed(int limit) {
        return views(em.createNativeQuery("select " + COLUMNS + " from transfer where status = 'FAILED'"
                + " order by updated_at desc, initiating_id limit ?").setParameter(1, limit).getResultList());
    }

    /** The transfer a record started. */
    public TransferView startedBy(String table, String id) {
        return views(em.createNativeQuery("select " + COLUMNS + " from transfer where initiating_table = ?"
                        + " and initiating_id = ?").setParameter(1, table).setParameter(2, id).getResultList())
                .stream().findFirst().orElseThrow(() -> UnknownResourceException.inPath(
                        "the central server knows no transfer started by " + table + " " + id));
    }

    public boolean centralisedProcurement() {
        return CentralSettings.isOn(em, CentralSettings.CENTRALISED_PROCUREMENT);
    }

    /** Turns centralised procurement on or off; audited. */
    public void centralisedProcurement(boolean on, String who) {
        CentralSettings.set(em, CentralSettings.CENTRALISED_PROCUREMENT, on);
        audit.record(who, "centralised-procurement", CentralSettings.CENTRALISED_PROCUREMENT, on ? "on" : "off");
    }

    @SuppressWarnings("unchecked")
    private static List<TransferView> views(List<?> rows) {
        return ((List<Object[]>) rows).stream().map(row -> new TransferView((String) row[0], (String) row[1],
                (String) row[2], (String) row[3], (String) row[4], ((Number) row[5]).intValue(), (String) row[6],
                (String) row[7], (String) row[8], row[9] == null ? null : ((Number) row[9]).intValue(), (String) row[10],
                Boolean.TRUE.equals(row[11]) || Integer.valueOf(1).equals(row[11]), Sql.utcText(row[12]), Sql.utcText(row[13])))
                .toList();
    }

    /** One transfer as administrators see it. */
    public record TransferView(String initiatingTable, String initiatingId, String kind, String status,
                               String initiatingStore, int initiatingSite, String respondingStore, String respondingTable,
                               String respondingId, Integer madeBySite, String reason, boolean numbered,
                               String firstSeen, String lastSeen) {
    }
}
