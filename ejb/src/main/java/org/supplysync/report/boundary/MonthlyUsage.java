package org.supplysync.report.boundary;

import java.util.List;

/**
 * Units of one item issued per store and calendar month (customer invoices and prescriptions finalised, less
 * customer returns), and the stores it covers.
 */
public record MonthlyUsage(List<StoreCoverage> asOf, List<Row> rows) {

    /** {@code month} "YYYY-MM". */
    public record Row(String storeId, String storeName, String month, double units) {
    }
}
