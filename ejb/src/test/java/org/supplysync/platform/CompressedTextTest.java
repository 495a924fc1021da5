package org.supplysync.platform;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressedTextTest {

    @Test
    void textComesBackAsItWasWritten() {
        StringBuilder records = new StringBuilder();
        Random random = new Random(7);
        for (int line = 0; line < 1024; line++) {
            records.append("{\"tableName\":\"trans_line\",\"recordId\":\"").append(random.nextLong())
                    .append("\",\"recordData\":{\"note\":\"é 中 \\n\\\" \uD83D\uDE00\"}}\n");
        }
        for (String text : new String[]{"", "x", "{}\n{}", records.toString()}) {
            assertThat(CompressedText.uncompress(CompressedText.compress(text))).isEqualTo(text);
        }
    }

    @Test
    void itIsMariaDbsCompressFormatTheLengthInBytesLowByteFirstThenZlib() {
        String text = "é".repeat(200); // 400 bytes in UTF-8: 0x90 0x01 0x00 0x00
        byte[] compressed = CompressedText.compress(text);

        assertThat(compressed).startsWith(0x90, 0x01, 0x00, 0x00);
        assertThat(compressed[4]).isEqualTo((byte) 0x78); // a zlib header
        assertThat(compressed.length).isLessThan(text.getBytes(StandardCharsets.UTF_8).length / 4);
    }

    @Test
    void whatIsNotCompressedTextIsRefused() {
        assertThatThrownBy(() -> CompressedText.uncompress(new byte[]{1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompressedText.uncompress(new byte[]{10, 0, 0, 0, 1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] cut = CompressedText.compress("a longer text than its cut ".repeat(20));
        cut[0] += 5; // says five bytes more than it holds
        assertThatThrownBy(() -> CompressedText.uncompress(cut)).isInstanceOf(IllegalArgumentException.class);
    }
}
