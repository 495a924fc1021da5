package org.supplysync.store.control;

import jakarta.json.JsonObject;
import org.supplysync.store.entity.Store;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.supplysync.platform.Jsons.JSON;

/**
 * The legacy {@code store} and {@code name} rows that stand for a store, with every field an Open mSupply site
 * requires (msupply-sync-v5.md §3.1, §3.2): a store whose name record is missing is ignored by the site.
 */
public final class StoreRecords {

    private StoreRecords() {
    }

    public static JsonObject storeRow(Store store, LocalDate createdDate) {
        return JSON.createObjectBuilder()
                .add("ID", store.id())
                .add("name_ID", store.nameId())
                .add("code", store.code())
                .add("name", store.name())
                .add("sync_id_remote_site", store.activeSiteId())
                .add("logo", "")
                .add("store_mode", store.isDispensary() ? "dispensary" : "store")
                .add("created_date", createdDate.toString())
                .add("disabled", false)
                .build();
    }

    public static JsonObject nameRow(Store store, LocalDate createdDate) {
        return JSON.createObjectBuilder()
                .add("ID", store.nameId())
                .add("name", store.name())
                .add("code", store.code())
                .add("type", "store")
                .add("customer", true)
                .add("supplier", true)
                .add("supplying_store_id", "")
                .add("first", "")
                .add("last", "")
                .add("female", false)
                .add("date_of_birth", "0000-00-00")
                .add("phone", "")
                .add("charge code", "")
                .add("comment", "")
                .add("country", "")
                .add("bill_address1", "")
                .add("bill_address2", "")
                .add("email", "")
                .add("url", "")
                .add("manufacturer", false)
                .add("donor", false)
                .add("hold", false)
                .add("NEXT_OF_KIN_ID", "")
                .add("next_of_kin_relative", "")
                .add("created_date", createdDate.toString())
                .add("national_health_number", "")
                .add("isDeceased", false)
                .add("om_created_datetime", "")
                .add("om_gender", "")
                .build();
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
