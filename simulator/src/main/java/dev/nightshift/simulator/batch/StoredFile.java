package dev.nightshift.simulator.batch;

import java.time.Instant;

/** A file a client uploaded to an OpenAI-protocol provider ({@code POST /files}); JSONL, so kept as UTF-8 text. */
record StoredFile(String id, String provider, String filename, String purpose, Instant created, String content) {
    long bytes() {
        return content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
