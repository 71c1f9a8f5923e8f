package dev.nightshift.ingest.unit;

/** The declaration part of a unit: its first lines up to where the body opens. */
final class Signatures {
    private static final int MAX_LINES = 6;
    private static final int MAX_CHARS = 300;

    private Signatures() {}

    /** From line {@code start}, the text before the first '{' (or ':' ending a Python line), on one line. */
    static String declaration(Lines lines, int start) {
        StringBuilder sb = new StringBuilder();
        for (int n = start; n <= lines.count() && n < start + MAX_LINES; n++) {
            String line = lines.get(n).strip();
            int brace = line.indexOf('{');
            if (brace >= 0) {
                sb.append(line, 0, brace);
                break;
            }
            sb.append(line).append(' ');
            if (line.endsWith(":") || line.endsWith(";")) {
                break;
            }
        }
        String s = sb.toString().replaceAll("\\s+", " ").strip();
        if (s.endsWith(":") || s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) + "…" : s;
    }
}
