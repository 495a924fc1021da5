package org.supplysync.platform;

import jakarta.ejb.EJBException;
import jakarta.resource.spi.ResourceAllocationException;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    @Test
    void aDeadlockOrALockWaitTimeoutDeepInTheChainIsTransient() {
        assertThat(TransientFailures.isTransient(new EJBException(new IllegalStateException("reading",
                new SQLTransactionRollbackException("Deadlock found", "40001", 1213))))).isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException("writing",
                new SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205)))).isTrue();
    }

    @Test
    void anUnreachableDatabaseIsTransient() {
        assertThat(TransientFailures.isTransient(new RuntimeException(
                new SQLNonTransientConnectionException("Socket fail to connect", "08000", 0)))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException(
                "Error in allocating a connection", new ResourceAllocationException("pool closed"))))).isTrue();
    }

    @Test
    void aBranchRolledBackByTheDatabaseIsTransient() {
        assertThat(TransientFailures.isTransient(new IllegalStateException(new XAException(XAException.XA_RBDEADLOCK))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException(new XAException(XAException.XAER_PROTO))))
                .isFalse();
    }

    @Test
    void whatTheRecordItselfCausesIsNot() {
        assertThat(TransientFailures.isTransient(new IllegalStateException("the record could not be taken"))).isFalse();
        assertThat(TransientFailures.isTransient(new RuntimeException(
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("Data too long", "22001", 1406))))
                .isFalse();
    }
}
