package dev.nightshift.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line on a terminal: each redraw leaves exactly the new line visible. */
class RunProgressTest {
    private static JsonNode status(long total, long pending, String usd) throws Exception {
        return Json.mapper()
                .readTree("{\"jobs\":{\"total\":" + total + ",\"pending\":" + pending + "},\"cost\":{\"usd\":\"" + usd
                        + "\"}}");
    }

    /** What a terminal shows on the current line after the text: a carriage return goes back to its start. */
    private static String visible(String printed) {
        StringBuilder line = new StringBuilder();
        int cursor = 0;
        for (int i = 0; i < printed.length(); i++) {
            char c = printed.charAt(i);
            if (c == '\r') {
                cursor = 0;
            } else if (c != '\n') {
                if (cursor < line.length()) {
                    line.setCharAt(cursor, c);
                } else {
                    line.append(c);
                }
                cursor++;
            }
        }
        return line.toString().stripTrailing();
    }

    @Test
    void aShorterLineLeavesNoStaleCharactersBehind() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunProgress progress = new RunProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        progress.show(status(1000, 999, "0.000123456789"));
        progress.show(status(1000, 0, "0.5"));

        assertThat(visible(bytes.toString(StandardCharsets.UTF_8))).isEqualTo("  1000/1000 jobs done, $0.5 so far");
    }
}
