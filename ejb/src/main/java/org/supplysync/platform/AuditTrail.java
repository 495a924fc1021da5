package org.supplysync.platform;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Reads what {@link Audit} noted, for administrators (admin-api.md, "Audit"), and notes the acts of callers that run
 * outside a transaction. Nothing here, or anywhere, changes or deletes an entry (and the database refuses to, V15).
 */
@Stateless
public class AuditTrail {

    @PersistenceContext
    EntityManager em;

    @Inject
    Audit audit;

    /** {@link Audit#record}, in a transaction of its own when the caller has none (starting a batch job). */
    public void note(String who, String action, String target, String detail) {
        audit.record(who, action, target, detail);
    }

    /** The entries at or after {@code since} (all when empty), newest first, at most {@code limit}. */
    public List<Entry> list(Optional<Instant> since, int limit) {
        LocalDateTime from = since.map(at -> LocalDateTime.ofInstant(at, ZoneOffset.UTC)).orElse(null);
        List<Object[]> rows = em.createNativeQuery("""
                        select at, who, action, target, detail from audit
                        where ? is null or at >= ? order by at desc, id desc limit ?""")
                .setParameter(1, from).setParameter(2, from).setParameter(3, limit).getResultList();
        return rows.stream().map(row -> new Entry(Sql.utcText(row[0]), (String) row[1], (String) row[2],
                (String) row[3], (String) row[4])).toList();
    }

    /** One audited act: when, by whom, what, to what, and its details. */
    public record Entry(String at, String who, String action, String target, String detail) {
    }
}
