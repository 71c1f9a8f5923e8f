package dev.nightshift.router.policy;

/**
 * A cheap complexity signal for rule matching: the number of branch points in a unit (conditions, loops,
 * case labels, catches, boolean operators, ternaries), the same count cyclomatic complexity is built from.
 * Ingest does not send one yet ({@code Job} has no such field), so the router derives it from the content
 * in one linear pass (a regular expression was a millisecond per 6 KB unit, too slow for the dispatch
 * budget). Language-agnostic on purpose: it also counts words in comments and strings, which is fine for a
 * tier threshold.
 */
public final class ComplexitySignal {
    private static final String[] BRANCH_WORDS = {
        "if", "elif", "elsif", "for", "foreach", "while", "case", "catch", "except", "when", "match", "rescue", "guard"
    };

    private ComplexitySignal() {}

    public static int of(String content) {
        if (content == null || content.isEmpty()) {
            return 0;
        }
        int count = 0;
        int n = content.length();
        int i = 0;
        while (i < n) {
            char c = content.charAt(i);
            if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(content.charAt(i))) {
                    i++;
                }
                if (isBranchWord(content, start, i - start)) {
                    count++;
                }
                continue;
            }
            char next = i + 1 < n ? content.charAt(i + 1) : '\0';
            if ((c == '&' && next == '&') || (c == '|' && next == '|')) {
                count++;
                i += 2;
                continue;
            }
            // a ternary '?', not '?.' / '??' / '?:' (null-safe operators) nor a '?' of a generic wildcard '<?'
            if (c == '?'
                    && next != '.'
                    && next != '?'
                    && next != ':'
                    && next != '>'
                    && next != ','
                    && (i == 0 || content.charAt(i - 1) != '<')) {
                count++;
            }
            i++;
        }
        return count;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '_'
                || c > 127 && Character.isLetterOrDigit(c);
    }

    private static boolean isBranchWord(String text, int start, int len) {
        if (len < 2 || len > 7) {
            return false;
        }
        for (String w : BRANCH_WORDS) {
            if (w.length() == len && text.regionMatches(start, w, 0, len)) {
                return true;
            }
        }
        return false;
    }
}
