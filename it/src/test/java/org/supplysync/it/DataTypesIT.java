package org.supplysync.it;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.Api.admin;

class DataTypesIT extends DeployedApplication {

    /** The rows of the seed's "Data types" table. */
    private static final List<String> SEED_ROWS = List.of(
            "Items", "Names (except patients)", "Groups and departments", "Item master lists", "Budgets and accounts",
            "Transaction categories", "Purchase order categories", "Location types", "Regimens and indicators",
            "Abbreviations and item directions", "Custom reports", "Sites and sync-related preferences",
            "Messages and sync records", "Stores and non sync-related store preferences",
            "Visibility of items and names (except patients)", "Visibility of new patients and prescribers",
            "Patients and prescribers", "Customer stock history and requisitions", "Locations", "Stock and stocktakes",
            "Transactions, payments and prescriptions", "Goods received", "Indicator values", "Purchase orders",
            "Preferences (non-store)", "User permissions", "Existing users", "New users");

    @Test
    void theRegistryGivesEveryTableItsSeedType() {
        JsonPath registry = admin().get("/api/data-types").then().statusCode(200).extract().jsonPath();
        Map<String, String> typeByTable = registry.<Map<String, Object>>getList("").stream()
                .collect(Collectors.toMap(row -> (String) row.get("tableName"), row -> (String) row.get("type")));

        assertThat(typeByTable).containsEntry("item", "CENTRAL")
                .containsEntry("unit", "CENTRAL")
                .containsEntry("list_master", "CENTRAL")
                .containsEntry("store", "CENTRAL_STORE")
                .containsEntry("name_store_join", "CENTRAL_STORE")
                .containsEntry("item_store_join", "CENTRAL_STORE")
                .containsEntry("transact", "STORE")
                .containsEntry("trans_line", "STORE")
                .containsEntry("item_line", "STORE")
                .containsEntry("Stock_take", "STORE")
                .containsEntry("Location", "STORE")
                .containsEntry("requisition", "STORE")
                .containsEntry("clinician", "PATIENT")
                .containsEntry("nameInsuranceJoin", "PATIENT")
                .containsEntry("preference", "LOCAL")
                .containsEntry("site", "SYNC")
                .containsEntry("message", "MESSAGE");
        assertThat(registry.getList("seedRow", String.class)).containsAll(SEED_ROWS);
        assertThat(registry.getList("findAll { it.dispensaryOnly }.tableName", String.class))
                .contains("abbreviation", "item_direction", "insuranceProvider");
        assertThat(registry.getString("find { it.tableName == 'trans_line' }.parentTable")).isEqualTo("transact");
    }
}
