package org.supplysync.web.report;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.report.boundary.MonthlyUsage;
import org.supplysync.report.boundary.Reports;
import org.supplysync.report.boundary.StockOnHand;
import org.supplysync.report.boundary.StockValue;
import org.supplysync.web.security.AdminApi;

import java.util.Locale;

/**
 * The reports across stores, each as JSON ({@code {"asOf": [stores covered, with their last sync], "rows": [...]}})
 * or, with {@code Accept: text/csv} or {@code ?format=csv}, as CSV (its rows under a header row).
 */
@AdminApi
@Path("api/reports")
@Produces({MediaType.APPLICATION_JSON, ReportsResource.TEXT_CSV})
public class ReportsResource {

    static final String TEXT_CSV = "text/csv";

    @Inject
    Reports reports;

    @Context
    HttpHeaders headers;

    /** Units on hand (available packs × pack size) per store, item and location; of one item with {@code item}. */
    @GET
    @Path("stock-on-hand")
    public Response stockOnHand(@QueryParam("item") String item, @QueryParam("format") String format) {
        boolean csv = csv(format);
        StockOnHand report = reports.stockOnHand(item == null || item.isBlank() ? null : item);
        if (!csv) {
            return json(report);
        }
        Csv text = new Csv("storeId", "storeName", "itemId", "itemName", "locationId", "units");
        report.rows().forEach(row -> text.row(row.storeId(), row.storeName(), row.itemId(), row.itemName(),
                row.locationId(), row.units()));
        return csv(text, "stock-on-hand");
    }

    /** Value of stock on hand (available packs × cost price per pack) per store, and the total. */
    @GET
    @Path("stock-value")
    public Response stockValue(@QueryParam("format") String format) {
        boolean csv = csv(format);
        StockValue report = reports.stockValue();
        if (!csv) {
            return json(report);
        }
        Csv text = new Csv("storeId", "storeName", "value");
        report.rows().forEach(row -> text.row(row.storeId(), row.storeName(), row.value()));
        return csv(text, "stock-value");
    }

    /** Units of an item issued per store and calendar month, from and to months "YYYY-MM" (both included). */
    @GET
    @Path("monthly-usage")
    public Response monthlyUsage(@QueryParam("item") String item, @QueryParam("from") String from,
                                 @QueryParam("to") String to, @QueryParam("format") String format) {
        boolean csv = csv(format);
        MonthlyUsage report = reports.monthlyUsage(item, blankIsNull(from), blankIsNull(to));
        if (!csv) {
            return json(report);
        }
        Csv text = new Csv("storeId", "storeName", "month", "units");
        report.rows().forEach(row -> text.row(row.storeId(), row.storeName(), row.month(), row.units()));
        return csv(text, "monthly-usage");
    }

    /**
     * CSV when {@code format=csv}, JSON when {@code format=json}; without it, whichever of the two the Accept header
     * prefers (JSON for anything else, {@code *}{@code /*} included).
     */
    private boolean csv(String format) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidRequestException("format is csv or json, got \"" + format + "\"");
            };
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (!accepted.isWildcardType() && !accepted.isWildcardSubtype()
                    && accepted.isCompatible(MediaType.valueOf(TEXT_CSV))) {
                return true;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    private static Response json(Object report) {
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response csv(Csv text, String name) {
        return Response.ok(text.toString(), TEXT_CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }

    private static String blankIsNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
