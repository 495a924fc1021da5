package org.supplysync.central.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/**
 * Gives committed central changes their cursor, in the order it finds them, one pass at a time (the counter row is
 * locked for the pass). Rows of transactions still open are invisible or locked, so they are skipped now and
 * stamped by a later pass, above every cursor handed out before: a reader never passes a change that commits late.
 */
@Stateless
public class CentralSequencer {

    private static final int PASS = 5000;

    @PersistenceContext
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int stampCommittedChanges() {
        long last = ((Number) em.createNativeQuery("select last_cursor from central_sequence where id = 1 for update")
                .getSingleResult()).longValue();
        List<Object[]> unstamped = em.createNativeQuery("""
                        select table_name, record_id, is_merge from central_change where cursor_id is null
                        order by changed_at limit ? for update skip locked""")
                .setParameter(1, PASS).getResultList();
        for (Object[] row : unstamped) {
            em.createNativeQuery("update central_change set cursor_id = ? where table_name = ? and record_id = ? and is_merge = ?")
                    .setParameter(1, ++last).setParameter(2, row[0]).setParameter(3, row[1]).setParameter(4, row[2])
                    .executeUpdate();
        }
        if (!unstamped.isEmpty()) {
            em.createNativeQuery("update central_sequence set last_cursor = ? where id = 1").setParameter(1, last)
                    .executeUpdate();
        }
        return unstamped.size();
    }
}
