package org.supplysync.transfer.boundary;

import jakarta.ejb.Stateless;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.platform.CentralSettings;
import org.supplysync.platform.Jsons;
import org.supplysync.record.control.CentralCopies;
import org.supplysync.site.entity.Site;
import org.supplysync.transfer.control.CentralTransferFacts;
import org.supplysync.transfer.control.RespondingHalves;
import org.supplysync.transfer.control.Transfer;
import org.supplysync.transfer.control.TransferFacts.StoreFact;
import org.supplysync.transfer.control.TransferKind;
import org.supplysync.transfer.control.TransferLedger;
import org.supplysync.transfer.control.TransferRules;
import org.supplysync.transfer.control.TransferRules.Decision;
import org.supplysync.transfer.control.TransferSession;
import org.supplysync.transfer.control.TransferWork;

import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import static org.supplysync.transfer.control.TransferRules.text;

/**
 * Completes transfers between stores of different sites as their records are integrated (sync-rules.md "Transfers"),
 * in the intake's transaction: for each accepted record it says what the central makes, what it sends again and what
 * the ledger remembers ({@link TransferWork}); the intake writes and routes all of it, or none of it. The central makes
 * a responding half once per initiating record, never changes it afterwards, and makes nothing for a transfer that has
 * a responding half already, that stays on one site, or that it cannot complete (kept in the ledger as FAILED).
 */
@Stateless
public class TransferDesk {

    @PersistenceContext
    EntityManager em;

    /** The desk's state for one intake over this connection and central copy. */
    public TransferSession open(Connection db, CentralCopies copies) {
        return new TransferSession(copies, new TransferLedger(db), new CentralTransferFacts(em, copies),
                LocalDateTime.now(ZoneOffset.UTC), () -> CentralSettings.isOn(em, CentralSettings.CENTRALISED_PROCUREMENT));
    }

    /**
     * What the accepted upsert of this record (of {@code storeId}, pushed by {@code siteId}) sets off. Static: it runs
     * for every invoice and line an intake accepts, needs nothing of the container, and a call through the EJB
     * proxy cost as much as the decision.
     */
    public static TransferWork consider(TransferSession session, DataType type, String recordId, JsonObject data,
                                 String storeId, int siteId) {
        TransferWork work = new TransferWork();
        if (type.isLine()) {
            line(session, work, type, recordId, data);
        } else {
            numbered(session, work, type.tableName(), recordId, data, siteId);
            answering(session, work, type.tableName(), recordId, data, storeId, siteId);
            initiating(session, work, type.tableName(), recordId, data, storeId, siteId);
        }
        if (!work.receipts().isEmpty() && session.centralisedProcurement()) {
            updateOrderLines(session, work);
        }
        return work;
    }

    /** A record that may start a transfer: at its trigger, the central completes it, once. */
    private static void initiating(TransferSession s, TransferWork work, String table, String recordId, JsonObject data,
                            String storeId, int siteId) {
        Optional<Transfer> known = s.ledger().initiatedBy(table, recordId);
        if (known.isPresent() && known.get().status() != Transfer.Status.FAILED) {
            return;
        }
        boolean supplies = table.equals("transact")
                && s.ledger().answeredBy(table, recordId).stream().anyMatch(t -> t.kind() == TransferKind.ORDER);
        Optional<TransferKind> kind = supplies ? Optional.of(TransferKind.SUPPLY) : TransferRules.initiatingKind(table, data);
        if (kind.isEmpty() || storeId == null) {
            return;
        }
        Decision decision = TransferRules.decide(kind.get(), data, storeId, s.facts());
        if (decision instanceof Decision.Create create) {
            create(s, work, kind.get(), table, recordId, data, storeId, siteId, create.respondingStore(), !supplies);
        } else if (decision instanceof Decision.Found found) {
            Integer madeBy = s.copies().find(found.respondingTable(), found.respondingId())
                    .map(CentralCopies.Copy::originSiteId).orElse(null);
            work.transfers().add(new Transfer(table, recordId, kind.get(), Transfer.Status.FOUND, storeId, siteId,
                    found.respondingStore().id(), found.respondingTable(), found.respondingId(), madeBy, null, false));
        } else if (decision instanceof Decision.Local local) {
            work.transfers().add(new Transfer(table, recordId, kind.get(), Transfer.Status.LOCAL, storeId, siteId,
                    local.respondingStore().id(), null, null, null, null, false));
        } else if (decision instanceof Decision.Failed failed) {
            work.transfers().add(new Transfer(table, recordId, kind.get(), Transfer.Status.FAILED, storeId, siteId,
                    null, null, null, null, failed.reason(), false));
        }
    }

    /**
     * Makes the responding half and the lines of what the central holds of the initiating half; those lines went
     * only where the initiating store's data goes until now, so they are sent again ({@code resend}) to reach the
     * other store's sites.
     */
    private static void create(TransferSession s, TransferWork work, TransferKind kind, String table, String recordId,
                        JsonObject data, String storeId, int siteId, StoreFact responding, boolean resend) {
        StoreFact initiating = s.facts().store(storeId).orElseThrow();
        String respondingId = RespondingHalves.id(kind.name(), table, recordId);
        String number = RespondingHalves.numberText(data, table.equals("transact") ? "invoice_num" : "serial_number");
        JsonObject half = switch (kind) {
            case STOCK, RETURN -> RespondingHalves.inboundInvoice(kind, respondingId, data, number, initiating,
                    responding, requestAnswered(s, data), s.now());
            case REQUISITION -> RespondingHalves.response(respondingId, data, initiating, responding, s.now());
            case ORDER -> RespondingHalves.orderInvoice(respondingId, data, initiating, responding, s.now());
            case SUPPLY -> RespondingHalves.goodsReceived(respondingId, data, number, orderOf(s, recordId), responding,
                    s.now());
        };
        work.made().add(new TransferWork.Made(kind.respondingTable(), respondingId, half, responding.id()));
        Transfer transfer = new Transfer(table, recordId, kind, Transfer.Status.CREATED, storeId, siteId, responding.id(),
                kind.respondingTable(), respondingId, Site.CENTRAL, null, false);
        work.transfers().add(transfer);
        for (String lineId : s.ledger().childIds(kind.initiatingLineTable(), recordId)) {
            Optional<CentralCopies.Copy> copy = s.copies().find(kind.initiatingLineTable(), lineId);
            Optional<String> text = s.copies().data(kind.initiatingLineTable(), lineId);
            if (copy.isEmpty() || copy.get().deleted() || text.isEmpty()) {
                continue;
            }
            if (resend) {
                work.resends().add(new TransferWork.Resend(kind.initiatingLineTable(), lineId, storeId, text.get()));
            }
            respondingLine(s, work, transfer, lineId, Jsons.parse(text.get()));
        }
    }

    /** A line of an initiating half the central completed: its responding line, made once. */
    private static void line(TransferSession s, TransferWork work, DataType type, String recordId, JsonObject data) {
        String parentId = text(data, type.parentField());
        if (parentId != null) {
            s.ledger().initiatedBy(type.parentTable(), parentId)
                    .filter(Transfer::madeCentrally)
                    .filter(transfer -> transfer.kind().initiatingLineTable().equals(type.tableName()))
                    .ifPresent(transfer -> respondingLine(s, work, transfer, recordId, data));
        }
        if (type.tableName().equals("Goods_received_line")) {
            receipt(work, data);
        }
    }

    private static void respondingLine(TransferSession s, TransferWork work, Transfer transfer, String lineId, JsonObject line) {
        TransferKind kind = transfer.kind();
        if (s.ledger().respondingLine(kind.initiatingLineTable(), lineId).isPresent()
                || (kind != TransferKind.REQUISITION && kind != TransferKind.ORDER && !TransferRules.movesStock(line))) {
            return;
        }
        String id = RespondingHalves.id(kind.name() + "-line", kind.initiatingLineTable(), lineId);
        String parentId = transfer.respondingId();
        JsonObject made = switch (kind) {
            case STOCK, RETURN -> RespondingHalves.inboundLine(kind, id, parentId, line, transfer.initiatingId());
            case REQUISITION -> RespondingHalves.responseLine(id, parentId, line);
            case ORDER -> RespondingHalves.orderInvoiceLine(id, parentId, line);
            case SUPPLY -> RespondingHalves.goodsReceivedLine(id, parentId, line,
                    orderLineOf(s, line, orderOf(s, transfer.initiatingId())));
        };
        work.made().add(new TransferWork.Made(kind.respondingLineTable(), id, made, transfer.respondingStore()));
        work.lines().add(new TransferWork.LineLink(kind.initiatingLineTable(), lineId, kind.respondingLineTable(), id));
        if (kind == TransferKind.SUPPLY) {
            receipt(work, made);
        }
    }

    /**
     * The responding site pushed back a half the central made, numbered: the central keeps it as pushed, and the
     * initiating store gets a log message (seed "Transfers", step 2).
     */
    private static void numbered(TransferSession s, TransferWork work, String table, String recordId, JsonObject data,
                          int siteId) {
        for (Transfer transfer : s.ledger().answeredBy(table, recordId)) {
            if (!transfer.madeCentrally() || transfer.numbered()
                    || s.facts().store(transfer.respondingStore()).map(StoreFact::activeSiteId).orElse(-1) != siteId
                    || !(data.get(transfer.kind().respondingNumberField()) instanceof JsonNumber number)
                    || number.longValue() == RespondingHalves.UNNUMBERED) {
                continue;
            }
            work.transfers().add(transfer.numberedNow());
            String id = RespondingHalves.id("numbered", table, recordId);
            work.made().add(new TransferWork.Made("message", id, RespondingHalves.numberedMessage(id, transfer.kind(),
                    recordId, number.longValue(), transfer.initiatingId(), transfer.respondingStore(),
                    transfer.initiatingStore(), s.now()), transfer.initiatingStore()));
        }
    }

    /** A responding half a site made itself (linked to its initiating half): the central will not make another. */
    private static void answering(TransferSession s, TransferWork work, String table, String recordId, JsonObject data,
                           String storeId, int siteId) {
        Optional<TransferRules.Answer> answer = TransferRules.answers(table, data);
        if (answer.isEmpty() || answer.get().initiatingId().equals(recordId) || storeId == null) {
            return;
        }
        TransferKind kind = answer.get().kind();
        String initiatingId = answer.get().initiatingId();
        Optional<Transfer> known = s.ledger().initiatedBy(kind.initiatingTable(), initiatingId);
        if (known.isPresent() && known.get().status() != Transfer.Status.FAILED) {
            return;
        }
        Optional<CentralCopies.Copy> initiating = s.copies().find(kind.initiatingTable(), initiatingId);
        String initiatingStore = initiating.map(CentralCopies.Copy::storeId)
                .or(() -> Optional.ofNullable(text(data, "name_ID")).flatMap(s.facts()::storeNamed).map(StoreFact::id))
                .orElse(null);
        Optional<Integer> initiatingSite = Optional.ofNullable(initiatingStore).flatMap(s.facts()::store)
                .map(StoreFact::activeSiteId);
        if (initiatingStore == null || initiatingSite.isEmpty()) {
            return;
        }
        work.transfers().add(new Transfer(kind.initiatingTable(), initiatingId, kind, Transfer.Status.FOUND,
                initiatingStore, initiatingSite.get(), storeId, table, recordId, siteId, null, false));
    }

    /** The request requisition an outbound answers: the request linked to the response it fulfils. */
    private static String requestAnswered(TransferSession s, JsonObject outbound) {
        String responseId = text(outbound, "requisition_ID");
        if (responseId == null) {
            return null;
        }
        return s.copies().data("requisition", responseId).map(Jsons::parse)
                .map(response -> text(response, "linked_requisition_id")).orElse(null);
    }

    /** The purchase order whose customer invoice this is. */
    private static String orderOf(TransferSession s, String invoiceId) {
        return s.ledger().answeredBy("transact", invoiceId).stream().filter(t -> t.kind() == TransferKind.ORDER)
                .map(Transfer::initiatingId).findFirst().orElse(null);
    }

    /** The purchase order line an invoice line fills: the one it was made from, else the order's line of its item. */
    private static String orderLineOf(TransferSession s, JsonObject invoiceLine, String orderId) {
        String madeFrom = text(invoiceLine, "order_lines_ID");
        if (madeFrom != null || orderId == null) {
            return madeFrom;
        }
        String item = text(invoiceLine, "item_ID");
        for (String lineId : s.ledger().childIds("purchase_order_line", orderId)) {
            Optional<String> line = s.copies().data("purchase_order_line", lineId);
            if (line.isPresent() && item != null && item.equals(text(Jsons.parse(line.get()), "item_ID"))) {
                return lineId;
            }
        }
        return null;
    }

    private static void receipt(TransferWork work, JsonObject goodsReceivedLine) {
        String orderLine = text(goodsReceivedLine, "order_line_ID");
        String id = text(goodsReceivedLine, "ID");
        if (orderLine != null && id != null) {
            work.receipts().put(id, new TransferWork.Receipt(id, orderLine,
                    RespondingHalves.unitsReceived(goodsReceivedLine)));
        }
    }

    /**
     * Centralised procurement: the primary keeps the received quantities of purchase order lines as goods received
     * lines reach it, and sends the changed lines on (seed "Internal requisitions").
     */
    private static void updateOrderLines(TransferSession s, TransferWork work) {
        Set<String> orderLines = new LinkedHashSet<>();
        work.receipts().values().forEach(receipt -> orderLines.add(receipt.orderLineId()));
        for (String orderLineId : orderLines) {
            Optional<CentralCopies.Copy> copy = s.copies().find("purchase_order_line", orderLineId);
            Optional<String> text = s.copies().data("purchase_order_line", orderLineId);
            if (copy.isEmpty() || copy.get().deleted() || text.isEmpty()) {
                continue;
            }
            double units = s.ledger().receivedUnits(orderLineId, work.receipts());
            work.made().add(new TransferWork.Made("purchase_order_line", orderLineId,
                    RespondingHalves.receivedOrderLine(Jsons.parse(text.get()), units), copy.get().storeId()));
        }
    }
}
