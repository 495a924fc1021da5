package org.supplysync.transfer.control;

import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one record sets off: records the central makes (or changes, for centralised procurement), records of the
 * initiating site to send again now that the transfer joins the other store, and what the ledger is to remember.
 * Nothing of it is written until the intake has room for its messages.
 */
public final class TransferWork {

    /** A record the central writes as its own and routes (origin: the central). */
    public record Made(String tableName, String recordId, JsonObject data, String storeId) {
    }

    /** A record the central holds, to route again with the transfer now known (origin: the site that pushed it). */
    public record Resend(String tableName, String recordId, String storeId, String text) {
    }

    /** The responding line made for an initiating line. */
    public record LineLink(String initiatingTable, String initiatingId, String respondingTable, String respondingId) {
    }

    /** Units a goods received line brings in against a purchase order line. */
    public record Receipt(String goodsReceivedLineId, String orderLineId, double units) {
    }

    final List<Made> made = new ArrayList<>();
    final List<Resend> resends = new ArrayList<>();
    final List<Transfer> transfers = new ArrayList<>();
    final List<LineLink> lines = new ArrayList<>();
    final Map<String, Receipt> receipts = new LinkedHashMap<>();

    public List<Made> made() {
        return made;
    }

    public List<Resend> resends() {
        return resends;
    }

    public List<Transfer> transfers() {
        return transfers;
    }

    public List<LineLink> lines() {
        return lines;
    }

    public Map<String, Receipt> receipts() {
        return receipts;
    }

    public boolean isEmpty() {
        return made.isEmpty() && resends.isEmpty() && transfers.isEmpty() && lines.isEmpty() && receipts.isEmpty();
    }
}
