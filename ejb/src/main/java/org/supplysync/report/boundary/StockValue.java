package org.supplysync.report.boundary;

import java.util.List;

/** Value of stock on hand (available packs × cost price per pack) per store and in all, and the stores it covers. */
public record StockValue(List<StoreCoverage> asOf, double total, List<Row> rows) {

    public record Row(String storeId, String storeName, double value) {
    }
}
