package org.supplysync.report.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a record of the central copy counts as in the reports, as pure functions of its last version (the rules V14
 * applies to what the central held before it, in SQL): nothing, when it does not count.
 */
public final class ReportRows {

    public static final String STOCK_LINES = "item_line";
    public static final String TRANSACTIONS = "transact";
    public static final String TRANSACTION_LINES = "trans_line";

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

    private ReportRows() {
    }

    /** A stock line: its available packs, their size and cost price per pack, at a location (empty: none). */
    public record StockLine(String lineId, String storeId, String itemId, String locationId, double availablePacks,
                            double packSize, double costPrice) {
    }

    /**
     * A finalised transaction that issues stock to customers ({@code sign} 1) or takes it back (-1), in the calendar
     * month ("YYYY-MM") it was finalised.
     */
    public record Issue(String transactId, String storeId, String month, int sign) {
    }

    /** An invoice line that moves stock: {@code units} = packs × pack size. */
    public record IssueLine(String lineId, String transactId, String itemId, double units) {
    }

    /** {@code storeId}: the store the central copy says the record belongs to, else its {@code store_ID}. */
    public static Optional<StockLine> stockLine(String lineId, String storeId, JsonObject data) {
        String store = storeId != null ? storeId : text(data, "store_ID");
        String item = text(data, "item_ID");
        if (store == null || item == null) {
            return Optional.empty();
        }
        String location = text(data, "location_ID");
        return Optional.of(new StockLine(lineId, store, item, location == null ? "" : location,
                number(data, "available"), number(data, "pack_size"), number(data, "cost_price")));
    }

    /**
     * Customer invoices and prescriptions (legacy type {@code ci}) issue stock, customer returns ({@code cc}) and the
     * reversal Open mSupply makes of a cancelled prescription ({@code ci} with {@code is_cancellation}) take it back;
     * only once finalised ({@code fn}). The month is that of the finalised date, or failing that of the confirmed or
     * entry date.
     */
    public static Optional<Issue> issue(String transactId, String storeId, JsonObject data) {
        String store = storeId != null ? storeId : text(data, "store_ID");
        String type = text(data, "type");
        if (store == null || !"fn".equals(text(data, "status")) || !("ci".equals(type) || "cc".equals(type))) {
            return Optional.empty();
        }
        int sign = "cc".equals(type) || JsonValue.TRUE.equals(data.get("is_cancellation")) ? -1 : 1;
        return month(data, "finalised_date").or(() -> month(data, "confirm_date")).or(() -> month(data, "entry_date"))
                .map(month -> new Issue(transactId, store, month, sign));
    }

    /** Lines of type {@code stock_out} or {@code stock_in}: placeholders and services move no stock. */
    public static Optional<IssueLine> issueLine(String lineId, JsonObject data) {
        String type = text(data, "type");
        String transact = text(data, "transaction_ID");
        String item = text(data, "item_ID");
        if (!("stock_out".equals(type) || "stock_in".equals(type)) || transact == null || item == null) {
            return Optional.empty();
        }
        return Optional.of(new IssueLine(lineId, transact, item, number(data, "quantity") * number(data, "pack_size")));
    }

    private static Optional<String> month(JsonObject data, String field) {
        String date = text(data, field);
        return date != null && DATE.matcher(date).matches() && !date.startsWith("0000")
                ? Optional.of(date.substring(0, 7)) : Optional.empty();
    }

    private static String text(JsonObject data, String field) {
        return data.get(field) instanceof JsonString value && !value.getString().isEmpty() ? value.getString() : null;
    }

    /** A number field; one sent as text counts as its value, anything else as 0. */
    private static double number(JsonObject data, String field) {
        JsonValue value = data.get(field);
        if (value instanceof JsonNumber number) {
            return number.doubleValue();
        }
        if (value instanceof JsonString text) {
            try {
                return Double.parseDouble(text.getString().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
