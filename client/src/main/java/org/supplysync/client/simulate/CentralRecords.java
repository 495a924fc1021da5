package org.supplysync.client.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.supplysync.client.simulate.SiteRecords.JSON;

/**
 * The shapes of central records (msupply-sync-v5.md part 3) as the primary server makes them, every required field
 * present: for the simulator's and the benchmark's central edits ({@code POST /api/records}).
 */
public final class CentralRecords {

    private CentralRecords() {
    }

    public static ObjectNode item(String id, String name, String unitId, int defaultPackSize) {
        return JSON.createObjectNode().put("ID", id).put("item_name", name).put("code", id)
                .put("unit_ID", unitId).put("type_of", "general").put("default_pack_size", defaultPackSize)
                .put("is_vaccine", false).put("VEN_category", "").put("strength", "").put("doses", 0)
                .put("category_ID", "").put("restricted_location_type_ID", "").put("volume_per_pack", 0)
                .put("universalcodes_code", "");
    }

    public static ObjectNode unit(String id) {
        return JSON.createObjectNode().put("ID", id).put("units", "Unit " + id).put("comment", "")
                .put("order_number", 0);
    }

    /** §3.21 {@code insuranceProvider}: dispensary reference data, for sites with a dispensary store. */
    public static ObjectNode insuranceProvider(String id, String name) {
        return JSON.createObjectNode().put("ID", id).put("providerName", name).put("isActive", true)
                .put("comment", "").put("prescriptionValidityDays", 30);
    }

    /** A {@code name} of type facility: a customer, a supplier or both. */
    public static ObjectNode facility(String id, String name, boolean customer, boolean supplier) {
        return JSON.createObjectNode().put("ID", id).put("name", name).put("code", id).put("type", "facility")
                .put("customer", customer).put("supplier", supplier).put("supplying_store_id", "").put("first", "")
                .put("last", "").put("female", false).put("date_of_birth", "0000-00-00").put("phone", "")
                .put("charge code", "").put("comment", "").put("country", "").put("bill_address1", "")
                .put("bill_address2", "").put("email", "").put("url", "").put("manufacturer", false)
                .put("donor", false).put("hold", false).put("NEXT_OF_KIN_ID", "").put("next_of_kin_relative", "")
                .put("created_date", "2026-01-01").put("national_health_number", "").put("isDeceased", false)
                .put("om_created_datetime", "").put("om_gender", "");
    }
}
