package org.supplysync.platform;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MultiRowInsertTest {

    @Test
    void cutsRowsIntoPiecesOfAtMostTheRowLimitInTheirOrder() {
        List<Object[]> rows = rows(MultiRowInsert.ROWS_PER_STATEMENT * 2 + 3, 10);

        List<List<Object[]>> pieces = MultiRowInsert.pieces(rows);

        assertThat(pieces).extracting(List::size).containsExactly(MultiRowInsert.ROWS_PER_STATEMENT,
                MultiRowInsert.ROWS_PER_STATEMENT, 3);
        assertThat(pieces.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(rows);
    }

    @Test
    void keepsAPieceWithinTheTextLimitUnlessOneRowAloneIsLonger() {
        int large = MultiRowInsert.TEXT_PER_STATEMENT / 3;
        List<Object[]> rows = new ArrayList<>(rows(4, large));
        rows.add(new Object[]{"x".repeat(MultiRowInsert.TEXT_PER_STATEMENT + 1)});
        rows.addAll(rows(1, 10));

        List<List<Object[]>> pieces = MultiRowInsert.pieces(rows);

        // Three rows of a third each would pass the limit with their overhead: two a piece; the huge row alone.
        assertThat(pieces).extracting(List::size).containsExactly(2, 2, 1, 1);
    }

    @Test
    void writesNothingForNoRows() {
        assertThat(MultiRowInsert.pieces(List.of())).isEmpty();
    }

    private static List<Object[]> rows(int count, int textLength) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[]{"r" + i + "-" + "x".repeat(Math.max(0, textLength - 8)), i, true});
        }
        return rows;
    }
}
