package dev.nightshift.simulator.reply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The defect the simulator worked into each test it wrote, by the test's text: what a real validator would find by
 * building and running it, known in advance. Lets a benchmark of thousands of candidates judge them without
 * building each one; the validator's own tests prove it finds these same defects in the same tests.
 */
public final class SeededTests {
    private final Map<String, Defect> byText = new ConcurrentHashMap<>();

    void record(String testSource, Defect delivered) {
        byText.put(key(testSource), delivered);
    }

    /** The defect of a test this simulator wrote, or empty when it wrote no such test. */
    public Optional<Defect> defectOf(String testSource) {
        return Optional.ofNullable(byText.get(key(testSource)));
    }

    public int size() {
        return byText.size();
    }

    /** Line endings and surrounding blank space do not change a test; a code block's extraction may change them. */
    private static String key(String source) {
        String normal = source.replace("\r\n", "\n").strip();
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
