package org.supplysync.queue.control;

import org.junit.jupiter.api.Test;
import org.supplysync.queue.boundary.QueuedRecord;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A staged message: its records handed out by line until acknowledged, each line once. */
class StagedBatchTest {

    private static final String RECORDS = "{\"tableName\":\"a\",\"recordId\":\"1\"}\n{\"tableName\":\"a\",\"recordId\":\"2\"}\n"
            + "{\"tableName\":\"a\",\"recordId\":\"3\"}";

    @Test
    void handsOutEveryLineWithItsSyncOutIdUpToTheLimit() {
        StagedBatch batch = new StagedBatch(7, 3, new byte[0], RECORDS);
        List<QueuedRecord> page = new ArrayList<>();
        batch.handOut(page, 2);
        assertThat(page).extracting(QueuedRecord::syncOutId).containsExactly("7168", "7169");
        assertThat(page.get(1).toJson()).isEqualTo("{\"syncOutId\":\"7169\",\"tableName\":\"a\",\"recordId\":\"2\"}");
        assertThat(StagedBatch.batchOf(7170)).isEqualTo(7);
        assertThat(StagedBatch.lineOf(7170)).isEqualTo(2);
    }

    @Test
    void anAcknowledgedLineIsNeverHandedOutAgainAndCountsOnce() {
        StagedBatch batch = new StagedBatch(1, 3, new byte[0], RECORDS);
        assertThat(batch.acknowledge(1)).isTrue();
        assertThat(batch.acknowledge(1)).isFalse();
        assertThat(batch.acknowledge(3)).as("a line the batch does not have").isFalse();
        assertThat(batch.unacknowledged()).isEqualTo(2);

        StagedBatch reread = new StagedBatch(1, 3, batch.acked(), RECORDS);
        List<QueuedRecord> page = new ArrayList<>();
        reread.handOut(page, 10);
        assertThat(page).extracting(QueuedRecord::json)
                .containsExactly("{\"tableName\":\"a\",\"recordId\":\"1\"}", "{\"tableName\":\"a\",\"recordId\":\"3\"}");
        reread.acknowledge(0);
        reread.acknowledge(2);
        assertThat(reread.unacknowledged()).isZero();
    }

    @Test
    void keepsTheBitsOfABatchOfTheMostLines() {
        StagedBatch batch = new StagedBatch(2, StagedBatch.LINES, new byte[0], "{}\n".repeat(StagedBatch.LINES - 1) + "{}");
        assertThat(batch.acknowledge(StagedBatch.LINES - 1)).isTrue();
        assertThat(batch.acked()).hasSize(StagedBatch.LINES / 8);
        assertThat(new StagedBatch(2, StagedBatch.LINES, batch.acked(), "").unacknowledged()).isEqualTo(StagedBatch.LINES - 1);
        assertThat(StagedBatch.lines("{}\n".repeat(StagedBatch.LINES - 1) + "{}")).isEqualTo(StagedBatch.LINES);
    }
}
