package org.supplysync.transfer.control;

import org.supplysync.record.control.CentralCopies;

import java.time.LocalDateTime;
import java.util.function.BooleanSupplier;

/**
 * What the transfer desk works with during one intake: the intake's central copy and ledger, the facts it reads, the
 * time the central dates what it makes, and whether centralised procurement is on (read once, when first asked).
 */
public final class TransferSession {

    private final CentralCopies copies;
    private final TransferLedger ledger;
    private final TransferFacts facts;
    private final LocalDateTime now;
    private final BooleanSupplier procurement;
    private Boolean centralisedProcurement;

    public TransferSession(CentralCopies copies, TransferLedger ledger, TransferFacts facts, LocalDateTime now,
                           BooleanSupplier centralisedProcurement) {
        this.copies = copies;
        this.ledger = ledger;
        this.facts = facts;
        this.now = now;
        this.procurement = centralisedProcurement;
    }

    public CentralCopies copies() {
        return copies;
    }

    public TransferLedger ledger() {
        return ledger;
    }

    public TransferFacts facts() {
        return facts;
    }

    public LocalDateTime now() {
        return now;
    }

    public boolean centralisedProcurement() {
        if (centralisedProcurement == null) {
            centralisedProcurement = procurement.getAsBoolean();
        }
        return centralisedProcurement;
    }
}
