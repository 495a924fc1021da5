package org.supplysync.central.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When the {@link CentralSequencer} runs besides the writers' own calls: soon after any transaction that logged a
 * central change commits (whoever the writer is), and every second as a safety net for a writer that died between
 * its commit and its call. At most one pass is waiting to run at a time; passes run one after the other anyway
 * (the counter row's lock), so more would only queue up.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CentralStamping {

    private static final Logger LOG = Logger.getLogger(CentralStamping.class.getName());
    private static final Object REGISTERED = CentralStamping.class.getName() + ".afterCommit";

    @Inject
    CentralSequencer sequencer;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ManagedExecutorService executor;

    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /** Stamps soon after the caller's transaction commits (once per transaction, however many changes it logs). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void afterCommit() {
        if (transactions.getTransactionKey() == null) {
            soon();
            return;
        }
        if (transactions.getResource(REGISTERED) != null) {
            return;
        }
        transactions.putResource(REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    soon();
                }
            }
        });
    }

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void safetyNet() {
        stampAll();
    }

    private void soon() {
        if (queued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    queued.set(false);
                    stampAll();
                });
            } catch (RuntimeException e) {
                queued.set(false);
                LOG.log(Level.FINE, "stamping left to the next timer", e);
            }
        }
    }

    /**
     * Stamps until nothing committed is left. A call while a pass runs here asks that loop for one more round
     * instead of waiting: that round sees what committed since.
     */
    private void stampAll() {
        again.set(true);
        while (again.get() && running.compareAndSet(false, true)) {
            try {
                while (again.getAndSet(false)) {
                    while (sequencer.stampCommittedChanges() == CentralSequencer.PASS) {
                        // more may be waiting
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stamping central changes failed; the next pass tries again", e);
            } finally {
                running.set(false);
            }
        }
    }
}
