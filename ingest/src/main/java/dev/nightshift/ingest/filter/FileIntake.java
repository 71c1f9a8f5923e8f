package dev.nightshift.ingest.filter;

import dev.nightshift.ingest.language.Languages;
import dev.nightshift.ingest.secret.SecretFiles;
import dev.nightshift.ingest.secret.SecretGuard;
import dev.nightshift.ingest.secret.SecretMode;
import dev.nightshift.ingest.snapshot.SnapshotFile;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Judges one file of the snapshot, cheapest test first ({@link #early} needs no content, so a large
 * blob is never loaded; {@link #content} is pure and runs on any thread):
 * <ol>
 *   <li>its name: a credential file ({@code .env}, keys) is withheld, {@code secret:<rule>};</li>
 *   <li>its size, from the object database without loading the blob: {@code too-large};</li>
 *   <li>a prefix of its content: {@code lfs-pointer}, {@code binary} (by content, whatever the extension);</li>
 *   <li>its name again: {@code not-source} when no known language;</li>
 *   <li>the whole content: {@code invalid-utf8} (skipped, not decoded with replacement characters),
 *       {@code generated} (a generator's marker), {@code minified};</li>
 *   <li>the secret guard: values redacted (noted {@code redacted:<rule>}) or the file withheld
 *       ({@code secret:<rules>}), by {@link SecretMode}.</li>
 * </ol>
 */
public final class FileIntake {
    private final long maxFileBytes;
    private final SecretGuard guard;
    private final SecretMode secretMode;

    public FileIntake(long maxFileBytes, SecretGuard guard, SecretMode secretMode) {
        this.maxFileBytes = maxFileBytes;
        this.guard = guard;
        this.secretMode = secretMode;
    }

    public Intake read(SnapshotFile file) {
        Optional<Intake.Skipped> early = early(file);
        if (early.isPresent()) {
            return early.get();
        }
        return content(file.path(), file.size(), file.bytes());
    }

    /** The checks that need no content: a credential file by name, a file too large. */
    public Optional<Intake.Skipped> early(SnapshotFile file) {
        Optional<String> secretFile = SecretFiles.rule(file.path());
        if (secretFile.isPresent()) {
            return Optional.of(new Intake.Skipped(file.path(), "secret:" + secretFile.get()));
        }
        if (file.size() > maxFileBytes) {
            return Optional.of(new Intake.Skipped(file.path(), "too-large"));
        }
        return Optional.empty();
    }

    /** The checks on content, for a file that passed {@link #early}; thread-safe. */
    public Intake content(String path, long size, byte[] bytes) {
        byte[] prefix = bytes.length <= BinaryContent.SNIFF_BYTES
                ? bytes
                : java.util.Arrays.copyOf(bytes, BinaryContent.SNIFF_BYTES);
        if (LfsPointer.isPointer(size, prefix)) {
            return new Intake.Skipped(path, "lfs-pointer");
        }
        if (BinaryContent.isBinary(prefix)) {
            return new Intake.Skipped(path, "binary");
        }
        Optional<String> language = Languages.of(path);
        if (language.isEmpty()) {
            return new Intake.Skipped(path, "not-source");
        }
        Optional<String> decoded = decodeUtf8(bytes);
        if (decoded.isEmpty()) {
            return new Intake.Skipped(path, "invalid-utf8");
        }
        String text = stripBom(decoded.get());
        if (GeneratedFiles.generatedMarker(text)) {
            return new Intake.Skipped(path, "generated");
        }
        if (GeneratedFiles.looksMinified(text)) {
            return new Intake.Skipped(path, "minified");
        }
        SecretGuard.Scan scan = guard.scan(text);
        if (scan.clean()) {
            return new Intake.Kept(new SourceFile(path, language.get(), text), List.of());
        }
        if (secretMode == SecretMode.WITHHOLD) {
            return new Intake.Skipped(path, "secret:" + String.join(",", scan.rules()));
        }
        return new Intake.Kept(
                new SourceFile(path, language.get(), scan.redacted()),
                scan.rules().stream().map(rule -> "redacted:" + rule).toList());
    }

    /** Strict decoding: a file that is not UTF-8 is skipped rather than sent with replacement characters. */
    static Optional<String> decodeUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
