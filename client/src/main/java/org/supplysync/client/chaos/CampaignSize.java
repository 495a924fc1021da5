package org.supplysync.client.chaos;

/**
 * How much work each kill finds under way: enough that the integration and the pulls last longer than the moment
 * between seeing them run and the kill, little enough that a short campaign fits in CI.
 *
 * @param pushBatch   records per push batch (the held push sends three)
 * @param integration records of the push that is integrating at the kill
 * @param queued      records routed to the site whose pull is in flight, before it pulls
 * @param smallWrite  records the other sites write before their held syncs
 */
public record CampaignSize(int pushBatch, int integration, int queued, int smallWrite) {

    public static CampaignSize standard() {
        return new CampaignSize(1000, 6000, 2000, 20);
    }
}
