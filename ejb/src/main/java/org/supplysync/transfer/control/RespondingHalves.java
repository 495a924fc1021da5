package org.supplysync.transfer.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.UUID;

import static org.supplysync.platform.Jsons.JSON;
import static org.supplysync.transfer.control.TransferRules.text;

/**
 * The records the central makes for a transfer, as full rows an Open mSupply site parses (every required field of
 * msupply-sync-v5.md §3.9–3.15 and §3.24, in the pull shapes of §3.0): pure functions of the initiating records.
 * A responding half is numbered {@value #UNNUMBERED} until its site numbers it; {@code om_*} fields are never copied
 * (§3.9 "Sanitising"). Ids are derived from what they answer, so making a record twice makes the same record.
 */
public final class RespondingHalves {

    public static final int UNNUMBERED = -1;
    private static final String NO_DATE = "0000-00-00";

    private RespondingHalves() {
    }

    /** The id of a record the central makes for {@code what} of the initiating record (32 hex digits, as mSupply's). */
    public static String id(String what, String table, String initiatingId) {
        UUID uuid = UUID.nameUUIDFromBytes(("supplysync/transfer/" + what + "/" + table + "/" + initiatingId)
                .getBytes(StandardCharsets.UTF_8));
        return uuid.toString().replace("-", "").toUpperCase(Locale.ROOT);
    }

    /**
     * A supplier invoice (si, on hold) for a customer invoice, or a customer credit (cc) for a supplier credit, in the
     * customer's store, named for the supplying store; {@code requestId} is the request requisition the invoice
     * answers, if any.
     */
    public static JsonObject inboundInvoice(TransferKind kind, String id, JsonObject outbound, String outboundNumber,
                                            TransferFacts.StoreFact supplier, TransferFacts.StoreFact customer,
                                            String requestId, LocalDateTime now) {
        boolean stock = kind == TransferKind.STOCK;
        JsonObjectBuilder row = invoice(id, customer.id(), supplier.nameId(), stock ? "si" : "cc", "nw", now)
                .add("hold", stock)
                .add("comment", noted(stock ? "Stock transfer" : "Stock return", outbound, "comment"))
                .add("their_ref", noted("From invoice number: " + outboundNumber, outbound, "their_ref"))
                .add("currency_ID", orEmpty(outbound, "currency_ID"))
                .add("currency_rate", number(outbound, "currency_rate", 1))
                .add("requisition_ID", requestId == null ? "" : requestId)
                .add("linked_transaction_id", outbound.getString("ID"));
        copyIfPresent(outbound, row, "tax_rate", "arrival_date_estimated", "programID", "ship_method_ID");
        return row.build();
    }

    /** A line of an inbound invoice: the outbound line's stock coming in, at the price it went out for. */
    public static JsonObject inboundLine(TransferKind kind, String id, String invoiceId, JsonObject outboundLine,
                                         String outboundId) {
        // A return comes back at what it cost; a transfer costs the receiver what the supplier sold it for.
        double price = number(outboundLine, kind == TransferKind.RETURN ? "cost_price" : "sell_price", 0);
        JsonObjectBuilder row = line(id, invoiceId, outboundLine)
                .add("item_line_ID", "")
                .add("location_ID", "")
                .add("batch", orEmpty(outboundLine, "batch"))
                .add("expiry_date", date(outboundLine, "expiry_date"))
                .add("pack_size", number(outboundLine, "pack_size", 1))
                .add("cost_price", price)
                .add("sell_price", price)
                .add("type", "service".equals(text(outboundLine, "type")) ? "service" : "stock_in")
                .add("quantity", Math.abs(number(outboundLine, "quantity", 0)))
                .add("note", orEmpty(outboundLine, "note"))
                .add("optionID", orEmpty(outboundLine, "optionID"))
                .add("linked_transact_id", outboundId)
                .add("donor_id", orEmpty(outboundLine, "donor_id"))
                .add("vaccine_vial_monitor_status_ID", orEmpty(outboundLine, "vaccine_vial_monitor_status_ID"))
                .add("volume_per_pack", number(outboundLine, "volume_per_pack", 0));
        copyIfPresent(outboundLine, row, "manufacturer_ID");
        return row.build();
    }

    /** A response requisition in the supplying store for a request, named for the requesting store. */
    public static JsonObject response(String id, JsonObject request, TransferFacts.StoreFact requester,
                                      TransferFacts.StoreFact supplier, LocalDateTime now) {
        String from = "From internal order " + numberText(request, "serial_number");
        JsonObjectBuilder row = JSON.createObjectBuilder()
                .add("ID", id)
                .add("serial_number", UNNUMBERED)
                .add("store_ID", supplier.id())
                .add("name_ID", requester.nameId())
                .add("type", "response")
                .add("status", "sg")
                .add("user_ID", "")
                .add("date_entered", now.toLocalDate().toString())
                .add("lastModifiedAt", now.toEpochSecond(java.time.ZoneOffset.UTC))
                .add("requester_reference", noted(from, request, "requester_reference"))
                .add("linked_requisition_id", request.getString("ID"))
                .add("thresholdMOS", number(request, "thresholdMOS", 0))
                .add("daysToSupply", (long) number(request, "daysToSupply", 0))
                .add("comment", noted(from, request, "comment"))
                .add("authorisationStatus", "")
                .add("orderType", orEmpty(request, "orderType"))
                .add("periodID", orEmpty(request, "periodID"))
                .add("programID", orEmpty(request, "programID"));
        copyIfPresent(request, row, "is_emergency");
        return row.build();
    }

    /** A line of a response: what the request asked for and why; nothing supplied or approved yet. */
    public static JsonObject responseLine(String id, String responseId, JsonObject requestLine) {
        JsonObjectBuilder row = JSON.createObjectBuilder()
                .add("ID", id)
                .add("requisition_ID", responseId)
                .add("item_ID", orEmpty(requestLine, "item_ID"))
                .add("itemName", orEmpty(requestLine, "itemName"))
                .add("actualQuan", 0)
                .add("approved_quantity", 0)
                .add("authoriser_comment", "")
                .add("comment", orEmpty(requestLine, "comment"))
                .add("om_snapshot_datetime", orEmpty(requestLine, "om_snapshot_datetime"))
                .add("optionID", orEmpty(requestLine, "optionID"));
        for (String field : new String[]{"Cust_stock_order", "suggested_quantity", "stock_on_hand", "daily_usage",
                "Cust_prev_stock_balance", "Cust_stock_received", "Cust_stock_issued", "stockLosses", "stockAdditions",
                "stockExpiring", "days_out_or_new_demand", "Cust_loss_adjust"}) {
            row.add(field, number(requestLine, field, 0));
        }
        return row.build();
    }

    /** A customer invoice (new) in the supplying store for a confirmed purchase order, named for the ordering store. */
    public static JsonObject orderInvoice(String id, JsonObject order, TransferFacts.StoreFact ordering,
                                          TransferFacts.StoreFact supplier, LocalDateTime now) {
        String number = numberText(order, "serial_number");
        double rate = number(order, "curr_rate", 0);
        return invoice(id, supplier.id(), ordering.nameId(), "ci", "sg", now)
                .add("hold", false)
                .add("comment", noted("From purchase order " + number, order, "comment"))
                .add("their_ref", noted("Purchase order " + number, order, "reference"))
                .add("currency_ID", orEmpty(order, "currency_ID"))
                .add("currency_rate", rate > 0 ? rate : 1)
                .add("original_PO_ID", order.getString("ID"))
                .add("requisition_ID", "")
                .add("linked_transaction_id", "")
                .build();
    }

    /** A line of that invoice: the ordered units, unallocated (a placeholder) until the supplier picks the stock. */
    public static JsonObject orderInvoiceLine(String id, String invoiceId, JsonObject orderLine) {
        double adjusted = number(orderLine, "quan_adjusted_order", 0);
        double units = adjusted > 0 ? adjusted : number(orderLine, "quan_original_order", 0);
        return line(id, invoiceId, orderLine)
                .add("item_line_ID", "")
                .add("location_ID", "")
                .add("batch", "")
                .add("expiry_date", NO_DATE)
                .add("pack_size", 1)
                .add("cost_price", 0)
                .add("sell_price", 0)
                .add("type", "placeholder")
                .add("quantity", units)
                .add("note", orEmpty(orderLine, "comment"))
                .add("optionID", "")
                .add("linked_transact_id", "")
                .add("donor_id", "")
                .add("vaccine_vial_monitor_status_ID", "")
                .add("volume_per_pack", 0)
                .add("order_lines_ID", orderLine.getString("ID"))
                .build();
    }

    /** Goods received (not finalised) in the ordering store for the supplier's finalised invoice of its order. */
    public static JsonObject goodsReceived(String id, JsonObject invoice, String invoiceNumber, String orderId,
                                           TransferFacts.StoreFact ordering, LocalDateTime now) {
        return JSON.createObjectBuilder()
                .add("ID", id)
                .add("store_ID", ordering.id())
                .add("purchase_order_ID", orderId)
                .add("serial_number", UNNUMBERED)
                .add("status", "nw")
                .add("comment", "From customer invoice " + invoiceNumber)
                .add("supplier_reference", "Invoice " + invoiceNumber)
                .add("user_id_created", "")
                .add("entry_date", now.toLocalDate().toString())
                .add("donor_id", orEmpty(invoice, "donor_default_id"))
                .build();
    }

    /** A goods received line for a line of the supplier's invoice, against the purchase order line it fills. */
    public static JsonObject goodsReceivedLine(String id, String goodsReceivedId, JsonObject invoiceLine,
                                               String orderLineId) {
        return JSON.createObjectBuilder()
                .add("ID", id)
                .add("goods_received_ID", goodsReceivedId)
                .add("item_ID", orEmpty(invoiceLine, "item_ID"))
                .add("item_name", orEmpty(invoiceLine, "item_name"))
                .add("pack_received", number(invoiceLine, "pack_size", 1))
                .add("quantity_received", Math.abs(number(invoiceLine, "quantity", 0)))
                .add("cost_price", number(invoiceLine, "sell_price", 0))
                .add("batch_received", orEmpty(invoiceLine, "batch"))
                .add("expiry_date", date(invoiceLine, "expiry_date"))
                .add("comment", "")
                .add("location_ID", "")
                .add("volume_per_pack", number(invoiceLine, "volume_per_pack", 0))
                .add("order_line_ID", orderLineId == null ? "" : orderLineId)
                .build();
    }

    /** Units a goods received line brings in: packs received times their size. */
    public static double unitsReceived(JsonObject goodsReceivedLine) {
        return number(goodsReceivedLine, "quantity_received", 0) * number(goodsReceivedLine, "pack_received", 1);
    }

    /** A purchase order line with its received quantity (units, the legacy {@code quan_rec_to_date}). */
    public static JsonObject receivedOrderLine(JsonObject orderLine, double units) {
        return JSON.createObjectBuilder(orderLine).add("quan_rec_to_date", units).build();
    }

    /**
     * The log message (§3.24) to the initiating store: the responding site numbered its half; {@code from} and
     * {@code to} are the responding and initiating stores.
     */
    public static JsonObject numberedMessage(String id, TransferKind kind, String respondingId, long number,
                                             String initiatingId, String from, String to, LocalDateTime now) {
        JsonObject body = JSON.createObjectBuilder()
                .add("event", "transfer-numbered")
                .add("kind", kind.name())
                .add("initiatingTable", kind.initiatingTable())
                .add("initiatingId", initiatingId)
                .add("respondingTable", kind.respondingTable())
                .add("respondingId", respondingId)
                .add("number", number)
                .add("text", "Store " + from + " received it as " + kind.respondingTable() + " number " + number)
                .build();
        return JSON.createObjectBuilder()
                .add("ID", id)
                .add("toStoreID", to)
                .add("fromStoreID", from)
                .add("body", body)
                .add("createdDate", now.toLocalDate().toString())
                .add("createdTime", now.toLocalTime().toSecondOfDay())
                .add("status", "new")
                .add("type", "TransferNumbered")
                .build();
    }

    /** The number of a record as text, for references ("From invoice number: 12"). */
    public static String numberText(JsonObject data, String field) {
        return data.get(field) instanceof JsonNumber number ? number.toString() : "";
    }

    /** The fields every transact the central makes has, with none of a source's. */
    private static JsonObjectBuilder invoice(String id, String storeId, String nameId, String type, String status,
                                             LocalDateTime now) {
        return JSON.createObjectBuilder()
                .add("ID", id)
                .add("store_ID", storeId)
                .add("name_ID", nameId)
                .add("invoice_num", UNNUMBERED)
                .add("type", type)
                .add("status", status)
                .add("mode", "store")
                .add("user_ID", "")
                .add("prescriber_ID", "")
                .add("goods_received_ID", "")
                .add("original_PO_ID", "")
                .add("nameInsuranceJoinID", "")
                .add("donor_default_id", "")
                .add("insuranceDiscountAmount", 0)
                .add("insuranceDiscountRate", 0)
                .add("entry_date", now.toLocalDate().toString())
                .add("entry_time", now.toLocalTime().toSecondOfDay())
                .add("confirm_date", NO_DATE)
                .add("confirm_time", 0)
                .add("finalised_date", NO_DATE)
                .add("finalised_time", 0);
    }

    private static JsonObjectBuilder line(String id, String invoiceId, JsonObject source) {
        return JSON.createObjectBuilder()
                .add("ID", id)
                .add("transaction_ID", invoiceId)
                .add("item_ID", orEmpty(source, "item_ID"))
                .add("item_name", orEmpty(source, "item_name"));
    }

    /** "text (the source's field)", or the text alone when the field is empty. */
    private static String noted(String text, JsonObject source, String field) {
        String note = text(source, field);
        return note == null ? text : text + " (" + note + ")";
    }

    private static void copyIfPresent(JsonObject source, JsonObjectBuilder row, String... fields) {
        for (String field : fields) {
            JsonValue value = source.get(field);
            if (value != null && value != JsonValue.NULL) {
                row.add(field, value);
            }
        }
    }

    private static String orEmpty(JsonObject data, String field) {
        String value = text(data, field);
        return value == null ? "" : value;
    }

    private static String date(JsonObject data, String field) {
        String value = text(data, field);
        return value == null ? NO_DATE : value;
    }

    private static double number(JsonObject data, String field, double otherwise) {
        return data.get(field) instanceof JsonNumber number ? number.doubleValue() : otherwise;
    }
}
