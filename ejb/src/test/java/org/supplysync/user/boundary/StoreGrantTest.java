package org.supplysync.user.boundary;

import jakarta.json.JsonArray;
import org.junit.jupiter.api.Test;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.Jsons;
import org.supplysync.user.entity.StorePermission;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreGrantTest {

    @Test
    void readsTheContractsFieldsWithTheirDefaults() {
        List<StoreGrant> grants = StoreGrant.listFrom(array("""
                [{"storeId": "A", "canLogin": true, "default": true, "permissions": ["ViewStock", "ManageLocations"]},
                 {"storeId": "B"}]"""));

        assertThat(grants).containsExactly(
                new StoreGrant("A", true, true, false, Set.of(StorePermission.ViewStock, StorePermission.ManageLocations)),
                new StoreGrant("B", true, false, false, Set.of()));
    }

    @Test
    void refusesWhatIsNotAGrantNamingTheEntry() {
        assertThatThrownBy(() -> StoreGrant.listFrom(array("[{\"storeId\": \"A\"}, {\"canLogin\": true}]")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("stores[1]").hasMessageContaining("storeId");
        assertThatThrownBy(() -> StoreGrant.listFrom(array("[{\"storeId\": \"A\", \"permissions\": [\"FlyPlanes\"]}]")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("FlyPlanes");
        assertThatThrownBy(() -> StoreGrant.listFrom(array("[{\"storeId\": \"A\", \"permissions\": [156]}]")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("names");
        assertThatThrownBy(() -> StoreGrant.listFrom(array("[\"A\"]")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("stores[0]");
    }

    private static JsonArray array(String json) {
        return Jsons.parseArray(json);
    }
}
