package dev.nightshift.router.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cheap complexity signal for rule matching: the number of branch points in a unit (conditions, loops,
 * case labels, catches, boolean operators, ternaries), the same count cyclomatic complexity is built from.
 * Ingest does not send one yet ({@code Job} has no such field), so the router derives it from the content;
 * language-agnostic on purpose, it over-counts words in comments and strings, which is fine for a tier
 * threshold.
 */
public final class ComplexitySignal {
    private static final Pattern BRANCH = Pattern.compile(
            "\\b(?:if|elif|else\\s+if|for|foreach|while|case|catch|except|when|match)\\b|&&|\\|\\||\\?(?![.?:])");

    private ComplexitySignal() {
    }

    public static int of(String content) {
        if (content == null || content.isEmpty()) {
            return 0;
        }
        Matcher m = BRANCH.matcher(content);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }
}
