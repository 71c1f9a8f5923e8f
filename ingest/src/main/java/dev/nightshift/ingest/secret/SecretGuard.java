package dev.nightshift.ingest.secret;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Finds credentials in text before any prompt is built, and redacts them: each secret value becomes
 * {@code [REDACTED:<rule>]}. What it found is reported by rule id only — never the secret, nor a prefix
 * of it — so the run report can say what was withheld without leaking it.
 */
public final class SecretGuard {
    private final List<SecretRule> rules;

    public SecretGuard() {
        this(SecretRule.DEFAULTS);
    }

    public SecretGuard(List<SecretRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The text with every secret redacted, and the ids of the rules that fired (in rule order). */
    public Scan scan(String text) {
        Set<String> fired = new LinkedHashSet<>();
        String current = text;
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (SecretRule rule : rules) {
            // Hints are looked for in the original text, so redaction markers never wake a rule up.
            if (rule.mayMatch(lower)) {
                current = redact(current, rule, fired);
            }
        }
        return new Scan(current, List.copyOf(fired));
    }

    private static String redact(String text, SecretRule rule, Set<String> fired) {
        Matcher m = rule.pattern().matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (!rule.accepts(m)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start(rule.secretGroup()))
                    .append("[REDACTED:")
                    .append(rule.id())
                    .append(']');
            copied = m.end(rule.secretGroup());
            fired.add(rule.id());
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * @param redacted the text with secrets replaced
     * @param rules    ids of the rules that found something; empty = the text was clean
     */
    public record Scan(String redacted, List<String> rules) {
        public boolean clean() {
            return rules.isEmpty();
        }
    }
}
