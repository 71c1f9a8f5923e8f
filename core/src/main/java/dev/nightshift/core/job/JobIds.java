package dev.nightshift.core.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives ids from content, never from chance, so that re-submitting the same work yields the same ids
 * and the sink can answer "already done".
 */
public final class JobIds {
    private JobIds() {}

    /** The job id: a hash of (repository, commit, task, unit path, content hash, prompt version). */
    public static String jobId(
            String repository,
            String commit,
            TaskType task,
            String unitPath,
            String contentHash,
            String promptVersion) {
        return "j-"
                + sha256Hex(String.join("\u0000", repository, commit, task.id(), unitPath, contentHash, promptVersion))
                        .substring(0, 32);
    }

    /** SHA-256 of the text's UTF-8 bytes, as lowercase hex. */
    public static String contentHash(String content) {
        return sha256Hex(content);
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
