package org.supplysync.user.entity;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Names and numbers as Open mSupply's server/service/src/apis/permissions.rs has them. */
class StorePermissionTest {

    @Test
    void numbersAreOpenMsupplys() {
        assertThat(StorePermission.CreatePurchaseOrders.number()).isEqualTo(1);
        assertThat(StorePermission.ViewLog.number()).isEqualTo(76);
        assertThat(StorePermission.ManageLocations.number()).isEqualTo(84);
        assertThat(StorePermission.ViewStock.number()).isEqualTo(156);
        assertThat(StorePermission.AccessServerAdministration.number()).isEqualTo(157);
        assertThat(StorePermission.ViewPatients.number()).isEqualTo(190);
        assertThat(StorePermission.EditCentralData.number()).isEqualTo(202);
        assertThat(StorePermission.HISAddProcedure.number()).isEqualTo(515);
        assertThat(StorePermission.named("ViewStocktakeLines")).as("removed from mSupply").isEmpty();
    }

    @Test
    void eachNumberIsOnePermissionAndFitsTheAnswersArray() {
        assertThat(Arrays.stream(StorePermission.values()).map(StorePermission::number).distinct())
                .hasSize(StorePermission.values().length);
        assertThat(StorePermission.values()).allMatch(p -> p.number() >= 1 && p.number() <= StorePermission.SLOTS)
                .allMatch(p -> StorePermission.numbered(p.number()).orElseThrow() == p)
                .allMatch(p -> StorePermission.named(p.name()).orElseThrow() == p);
    }
}
