package org.supplysync.security.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The wrong passwords counted against each name (auth_failure, V15), in the caller's transaction: never in memory,
 * so every server and every restart sees the same lock.
 */
@Dependent
public class AuthenticationFailures {

    /** Whose failures: {@code kind} is {@code admin}, {@code site} or {@code site-device} (see V15). */
    public record Key(String kind, String name) {
    }

    private static final String COLUMNS = "select failures, window_start, locks, locked_until from auth_failure"
            + " where kind = ? and name = ?";

    @PersistenceContext
    EntityManager em;

    /** The name's state as it stands, without locking anything: what every authentication reads first. */
    public Backoff.State read(Key key) {
        List<?> rows = em.createNativeQuery(COLUMNS).setParameter(1, key.kind()).setParameter(2, key.name())
                .getResultList();
        return rows.isEmpty() ? Backoff.State.NONE : state((Object[]) rows.get(0));
    }

    /**
     * The name's state, its row locked until the caller's transaction ends, so that attempts at once are checked one
     * after the other and none slips past a lock the one before it set. The row is made if need be (an insert that
     * meets an existing row locks it all the same).
     */
    public Backoff.State lock(Key key) {
        em.createNativeQuery("insert into auth_failure (kind, name) values (?, ?) on duplicate key update name = name")
                .setParameter(1, key.kind()).setParameter(2, key.name()).executeUpdate();
        return state((Object[]) em.createNativeQuery(COLUMNS + " for update").setParameter(1, key.kind())
                .setParameter(2, key.name()).getSingleResult());
    }

    public void save(Key key, Backoff.State state) {
        em.createNativeQuery("update auth_failure set failures = ?, window_start = ?, locks = ?, locked_until = ?"
                        + " where kind = ? and name = ?")
                .setParameter(1, state.failures()).setParameter(2, state.windowStart()).setParameter(3, state.locks())
                .setParameter(4, state.lockedUntil()).setParameter(5, key.kind()).setParameter(6, key.name())
                .executeUpdate();
    }

    public void clear(Key key) {
        em.createNativeQuery("delete from auth_failure where kind = ? and name = ?")
                .setParameter(1, key.kind()).setParameter(2, key.name()).executeUpdate();
    }

    /**
     * Forgets the rows that no longer say anything ({@link Backoff#forgotten}): window and remembered lock both older
     * than {@code forgetBefore}.
     */
    public int forgetOlderThan(LocalDateTime forgetBefore) {
        return em.createNativeQuery("delete from auth_failure where (window_start is null or window_start <= ?)"
                        + " and (locked_until is null or locked_until <= ?)")
                .setParameter(1, forgetBefore).setParameter(2, forgetBefore).executeUpdate();
    }

    private static Backoff.State state(Object[] row) {
        return new Backoff.State(((Number) row[0]).intValue(), time(row[1]), ((Number) row[2]).intValue(), time(row[3]));
    }

    private static LocalDateTime time(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        return (LocalDateTime) value;
    }
}
