package org.supplysync.push.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A pushed batch as pieces of the push buffer, and back. */
class BufferPiecesTest {

    @Test
    void groupsByIntegrationOrderKeepingTheReceivedOrderWithinEach() {
        List<PushBody.Row> rows = List.of(
                row("trans_line", "L1", BufferPieces.LINES), row("transact", "T1", BufferPieces.PARENTS),
                row("name", "P1", BufferPieces.PATIENTS), row("trans_line", "L2", BufferPieces.LINES),
                row("transact", "T2", BufferPieces.PARENTS));
        List<BufferPieces.Piece> pieces = pieces(rows);
        assertThat(pieces).extracting(BufferPieces.Piece::order)
                .containsExactly(BufferPieces.PATIENTS, BufferPieces.PARENTS, BufferPieces.LINES);
        assertThat(pieces).extracting(BufferPieces.Piece::records).containsExactly(1, 2, 2);
        assertThat(lines(pieces.get(1).text())).extracting(BufferPieces.Line::recordId)
                .containsExactly("T1", "T2");
        assertThat(lines(pieces.get(2).text())).extracting(BufferPieces.Line::recordId)
                .containsExactly("L1", "L2");
    }

    @Test
    void readsBackEveryFieldWhateverCharactersTheIdsAndDataHold() {
        String id = "a\tb\nc\"d\\e\u0001é\uD83D\uDE00";
        String data = "{\"x\":\n\"tab\\t and line\\n\",\r\n \"y\": [1,\t2]}";
        List<BufferPieces.Line> lines = lines(pieces(List.of(
                new PushBody.Row("transact", id, "update", data, BufferPieces.PARENTS),
                new PushBody.Row("transact", "2", "delete", "{}", BufferPieces.PARENTS))).get(0).text());
        assertThat(lines).containsExactly(
                new BufferPieces.Line("transact", id, "update", "{\"x\": \"tab\\t and line\\n\",   \"y\": [1,\t2]}"),
                new BufferPieces.Line("transact", "2", "delete", "{}"));
    }

    @Test
    void startsANewPieceAtTheRecordOrTextLimit() {
        List<PushBody.Row> many = new ArrayList<>();
        for (int i = 0; i < BufferPieces.MAX_RECORDS + 1; i++) {
            many.add(row("transact", "T" + i, BufferPieces.PARENTS));
        }
        assertThat(pieces(many)).extracting(BufferPieces.Piece::records)
                .containsExactly(BufferPieces.MAX_RECORDS, 1);

        String big = "{\"pad\":\"" + "x".repeat(BufferPieces.MAX_TEXT / 3) + "\"}";
        List<PushBody.Row> large = List.of(new PushBody.Row("transact", "1", "update", big, BufferPieces.PARENTS),
                new PushBody.Row("transact", "2", "update", big, BufferPieces.PARENTS),
                new PushBody.Row("transact", "3", "update", big, BufferPieces.PARENTS),
                new PushBody.Row("transact", "4", "update", big, BufferPieces.PARENTS));
        List<BufferPieces.Piece> pieces = pieces(large);
        assertThat(pieces).extracting(BufferPieces.Piece::records).containsExactly(2, 2);
        assertThat(pieces).allSatisfy(piece -> assertThat(piece.text().length()).isLessThanOrEqualTo(BufferPieces.MAX_TEXT));
        assertThat(pieces.stream().flatMap(piece -> lines(piece.text()).stream()))
                .extracting(BufferPieces.Line::recordId).containsExactly("1", "2", "3", "4");
    }

    @Test
    void theSameBatchPushedAgainMakesTheSamePiecesAndDigests() {
        List<PushBody.Row> rows = List.of(row("transact", "T1", BufferPieces.PARENTS), row("trans_line", "L1", BufferPieces.LINES));
        List<BufferPieces.Piece> first = pieces(rows);
        List<BufferPieces.Piece> again = pieces(List.copyOf(rows));
        assertThat(again).isEqualTo(first);
        assertThat(again.get(0).digest()).isEqualTo(first.get(0).digest()).isNotEqualTo(first.get(1).digest());
    }

    @Test
    void readsOnlyTheRecordsAskedFor() {
        List<PushBody.Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(row("transact", "T" + i, BufferPieces.PARENTS));
        }
        String text = pieces(rows).get(0).text();
        assertThat(BufferPieces.lines(text, 2, 2)).extracting(BufferPieces.Line::recordId).containsExactly("T2", "T3");
        assertThat(BufferPieces.lines(text, 4, 10)).extracting(BufferPieces.Line::recordId).containsExactly("T4");
        assertThat(BufferPieces.lines(text, 5, 10)).isEmpty();
    }

    private static List<BufferPieces.Piece> pieces(List<PushBody.Row> rows) {
        List<BufferPieces.Piece> pieces = new ArrayList<>();
        BufferPieces.each(rows, pieces::add);
        return pieces;
    }

    private static List<BufferPieces.Line> lines(String text) {
        return BufferPieces.lines(text, 0, Integer.MAX_VALUE);
    }

    private static PushBody.Row row(String table, String id, int order) {
        return new PushBody.Row(table, id, "update", "{\"ID\":\"" + id + "\"}", order);
    }
}
