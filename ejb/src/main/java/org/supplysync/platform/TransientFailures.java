package org.supplysync.platform;

import jakarta.resource.ResourceException;

import javax.transaction.xa.XAException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Whether a failure says "try again later" rather than anything about the work that failed: the database unreachable
 * or restarting, or a transaction rolled back by a deadlock or a lock wait timeout. A record that meets one of these
 * is not at fault and must not be quarantined for it (a kill of the database made an accepted record quarantined,
 * and so never routed, in the fault campaign).
 */
public final class TransientFailures {

    /** MariaDB's ER_LOCK_WAIT_TIMEOUT and ER_LOCK_DEADLOCK. */
    private static final Set<Integer> LOCK_CONFLICTS = Set.of(1205, 1213);
    /** How deep a cause chain is followed: wrapped by the EJB and JPA layers, never deeper than this. */
    private static final int DEPTH = 32;

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < DEPTH; depth++) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    // the server's connection pool could not hand out a connection
                    || cause instanceof ResourceException) {
                return true;
            }
            if (cause instanceof SQLException sql && (LOCK_CONFLICTS.contains(sql.getErrorCode())
                    || stateClass(sql, "08") || stateClass(sql, "40"))) {
                return true;
            }
            if (cause instanceof XAException xa && xa.errorCode >= XAException.XA_RBBASE
                    && xa.errorCode <= XAException.XA_RBEND) {
                return true;
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return false;
    }

    /** SQL state classes: 08 connection exception, 40 transaction rollback. */
    private static boolean stateClass(SQLException sql, String stateClass) {
        return sql.getSQLState() != null && sql.getSQLState().startsWith(stateClass);
    }
}
