package org.supplysync.user.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.security.control.Backoff;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The failed-login count of each user name, in the database (user_login_failure, V11), so that every server and every
 * restart sees the same lock. Names compare as user names do, case-insensitively.
 */
@Dependent
public class LoginFailures {

    @PersistenceContext
    EntityManager em;

    /**
     * The name's state, its row locked until the caller's transaction ends: two logins of one name at once are counted
     * one after the other. The row is made if need be (an insert that meets an existing row locks it all the same).
     */
    public Backoff.State lock(String name) {
        em.createNativeQuery("insert into user_login_failure (name) values (?) on duplicate key update name = name")
                .setParameter(1, name).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("select failures, window_start, locked_until"
                + " from user_login_failure where name = ?").setParameter(1, name).getSingleResult();
        // No count of locks in a row: a user's every lock is as long as the first (Logins).
        return new Backoff.State(((Number) row[0]).intValue(), time(row[1]), 0, time(row[2]));
    }

    public void save(String name, Backoff.State state) {
        em.createNativeQuery("update user_login_failure set failures = ?, window_start = ?, locked_until = ? where name = ?")
                .setParameter(1, state.failures()).setParameter(2, state.windowStart())
                .setParameter(3, state.lockedUntil()).setParameter(4, name).executeUpdate();
    }

    public void clear(String name) {
        em.createNativeQuery("delete from user_login_failure where name = ?").setParameter(1, name).executeUpdate();
    }

    /** Forgets the counts that no longer count: windows that closed and locks that ended before {@code now}. */
    public int forgetExpired(LocalDateTime windowsOpenedBefore, LocalDateTime now) {
        return em.createNativeQuery("delete from user_login_failure where (window_start is null or window_start < ?)"
                        + " and (locked_until is null or locked_until <= ?)")
                .setParameter(1, windowsOpenedBefore).setParameter(2, now).executeUpdate();
    }

    /** Until when the name is locked, if it is at {@code now}. */
    public Optional<LocalDateTime> lockedUntil(String name, LocalDateTime now) {
        List<?> rows = em.createNativeQuery("select locked_until from user_login_failure where name = ? and locked_until > ?")
                .setParameter(1, name).setParameter(2, now).getResultList();
        return rows.stream().findFirst().map(LoginFailures::time);
    }

    private static LocalDateTime time(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        return (LocalDateTime) value;
    }
}
