package org.supplysync.transfer.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.Optional;

/**
 * Which records start a transfer and when (seed "Transfers" to "Internal requisitions", sync-rules.md "Transfers"), as
 * pure functions of the record and the facts of the set-up.
 */
public final class TransferRules {

    private TransferRules() {
    }

    /** What the central does about an initiating half that has reached its trigger. */
    public sealed interface Decision {
        /** Make the responding half in this store. */
        record Create(TransferFacts.StoreFact respondingStore) implements Decision {
        }

        /** A responding half exists already (the initiating half names it): make nothing. */
        record Found(TransferFacts.StoreFact respondingStore, String respondingTable, String respondingId)
                implements Decision {
        }

        /** Both stores are active on one site: that site completes it; the central only stores both halves. */
        record Local(TransferFacts.StoreFact respondingStore) implements Decision {
        }

        /** The central cannot complete it: nothing is made, and administrators see why. */
        record Failed(String reason) implements Decision {
        }

        /** Not a transfer (the other party is no store), or not yet (not at its trigger). */
        record None() implements Decision {
        }
    }

    /**
     * The kind of transfer a record of this table and type would start once it names a store and reaches its trigger;
     * a SUPPLY is the ORDER's customer invoice, which only the ledger knows.
     */
    public static Optional<TransferKind> initiatingKind(String table, JsonObject data) {
        String type = text(data, "type");
        switch (table) {
            case "transact":
                if ("ci".equals(type) && !"dispensary".equals(text(data, "mode"))) {
                    return Optional.of(TransferKind.STOCK);
                }
                return "sc".equals(type) ? Optional.of(TransferKind.RETURN) : Optional.empty();
            case "requisition":
                return "request".equals(type) ? Optional.of(TransferKind.REQUISITION) : Optional.empty();
            case "purchase_order":
                return Optional.of(TransferKind.ORDER);
            default:
                return Optional.empty();
        }
    }

    /** Whether the initiating half has reached the state the seed names: finalised, or a purchase order confirmed. */
    public static boolean triggered(TransferKind kind, JsonObject data) {
        String status = text(data, "status");
        return kind == TransferKind.ORDER ? "cn".equals(status) || "fn".equals(status) : "fn".equals(status);
    }

    /** Decides what the central does about the initiating half, a record of {@code storeId}. */
    public static Decision decide(TransferKind kind, JsonObject data, String storeId, TransferFacts facts) {
        if (!triggered(kind, data)) {
            return new Decision.None();
        }
        String otherParty = text(data, "name_ID");
        if (otherParty == null) {
            return new Decision.None();
        }
        Optional<TransferFacts.StoreFact> other = facts.storeNamed(otherParty);
        if (other.isEmpty()) {
            return facts.isOtherName(otherParty) ? new Decision.None()
                    : new Decision.Failed("unknown store: " + otherParty + " is the name of no store the central server knows");
        }
        TransferFacts.StoreFact responding = other.get();
        Optional<TransferFacts.StoreFact> initiating = facts.store(storeId);
        if (responding.id().equals(storeId) || initiating.isEmpty()) {
            return new Decision.None();
        }
        if (responding.activeSiteId() == initiating.get().activeSiteId()) {
            return new Decision.Local(responding);
        }
        Optional<String> linked = linkedResponse(kind, data);
        if (linked.isPresent()) {
            return new Decision.Found(responding, kind.respondingTable(), linked.get());
        }
        // The supplying store was agreed when the order was confirmed: its invoice goes back to the ordering store.
        if (kind != TransferKind.SUPPLY && !facts.visible(responding.nameId(), storeId)) {
            return new Decision.Failed("store " + responding.id() + " is not visible in store " + storeId
                    + " (no active name_store_join of its name " + responding.nameId() + " in " + storeId + ")");
        }
        return new Decision.Create(responding);
    }

    /** The responding half the initiating half names already (an Open mSupply site links its outbound shipment). */
    static Optional<String> linkedResponse(TransferKind kind, JsonObject data) {
        return switch (kind) {
            case STOCK, RETURN -> Optional.ofNullable(text(data, "linked_transaction_id"));
            case REQUISITION -> Optional.ofNullable(text(data, "linked_requisition_id"));
            case ORDER, SUPPLY -> Optional.empty();
        };
    }

    /**
     * The initiating half a record answers, when a site made it as a responding half (an inbound shipment or customer
     * return linked to its outbound, a response linked to its request): the central then never makes one.
     */
    public static Optional<Answer> answers(String table, JsonObject data) {
        String type = text(data, "type");
        if (table.equals("transact") && ("si".equals(type) || "cc".equals(type))) {
            return Optional.ofNullable(text(data, "linked_transaction_id"))
                    .map(id -> new Answer("si".equals(type) ? TransferKind.STOCK : TransferKind.RETURN, id));
        }
        if (table.equals("requisition") && "response".equals(type)) {
            return Optional.ofNullable(text(data, "linked_requisition_id"))
                    .map(id -> new Answer(TransferKind.REQUISITION, id));
        }
        return Optional.empty();
    }

    /** A record that answers the initiating half {@code initiatingId} of a transfer of this kind. */
    public record Answer(TransferKind kind, String initiatingId) {
    }

    /** Placeholder lines (Open mSupply's unallocated stock) carry no stock: no stock moves with them. */
    public static boolean movesStock(JsonObject line) {
        return !"placeholder".equals(text(line, "type"));
    }

    /** A text field, or null when it is missing, not text or empty (mSupply's "no value"). */
    public static String text(JsonObject data, String field) {
        return data != null && data.get(field) instanceof JsonString value && !value.getString().isEmpty()
                ? value.getString() : null;
    }
}
