package org.supplysync.report.boundary;

import java.util.List;

/** Stock on hand (available packs × pack size) per store, item and location, and the stores it covers. */
public record StockOnHand(List<StoreCoverage> asOf, List<Row> rows) {

    /** {@code itemName} null when the central holds no item record of that id; {@code locationId} null: none. */
    public record Row(String storeId, String storeName, String itemId, String itemName, String locationId,
                      double units) {

        Row named(String name) {
            return new Row(storeId, storeName, itemId, name, locationId, units);
        }
    }
}
