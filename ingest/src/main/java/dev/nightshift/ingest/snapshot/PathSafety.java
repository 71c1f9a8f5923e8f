package dev.nightshift.ingest.snapshot;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Paths are written out later (artifacts mirror the repository), so a tree entry whose name could
 * escape the output folder or confuse a terminal is left out: {@code .} and {@code ..} segments,
 * {@code .git}, backslashes, control characters, and names that are not valid UTF-8.
 */
public final class PathSafety {
    private PathSafety() {}

    /** @return why the raw path is unsafe, or empty */
    public static Optional<String> problem(byte[] rawPath) {
        String path;
        try {
            path = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(rawPath))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.of("unsafe-path:invalid-utf8-name");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("unsafe-path:dot-segment");
            }
            if (segment.equalsIgnoreCase(".git")) {
                return Optional.of("unsafe-path:git-folder");
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return Optional.of("unsafe-path:odd-character");
            }
        }
        return Optional.empty();
    }

    /** The path with anything unprintable replaced by '?', safe to show. */
    public static String printable(String path) {
        StringBuilder sb = new StringBuilder(path.length());
        path.codePoints().forEach(c -> sb.appendCodePoint(c < 0x20 || c == 0x7f || c == 0xfffd ? '?' : c));
        return sb.toString();
    }
}
