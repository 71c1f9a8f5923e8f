package dev.nightshift.ingest.secret;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of credential and how to find it. {@link #secretGroup} names the regex group that is the
 * secret itself (0 = the whole match): only that part is redacted, so {@code password = "…"} keeps its
 * name and loses its value.
 *
 * @param id          the rule's id in the run report, e.g. {@code aws-access-key-id}
 * @param minEntropy  Shannon entropy (bits per character) the secret must reach; 0 = any
 * @param hints       lower-case literals of which every match contains at least one: text without any of
 *                    them skips the regex (most files hold no credential, and 15 regex passes per file
 *                    would cost as much as tokenising it)
 */
public record SecretRule(String id, Pattern pattern, int secretGroup, double minEntropy, List<String> hints) {

    /** The rules of the secret guard, most specific first (a specific rule's redaction hides it from later ones). */
    public static final List<SecretRule> DEFAULTS = List.of(
            rule(
                    "private-key",
                    "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\\z)",
                    0,
                    "private key"),
            rule(
                    "aws-access-key-id",
                    "\\b((?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[0-9A-Z]{16})\\b",
                    1,
                    "akia",
                    "asia",
                    "abia",
                    "acca",
                    "aida",
                    "aroa"),
            rule(
                    "aws-secret-access-key",
                    "(?i)aws.{0,20}?(?:secret|private).{0,20}?['\"]?\\s*[:=]>?\\s*['\"]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])",
                    1,
                    "aws"),
            rule("gcp-api-key", "\\b(AIza[0-9A-Za-z_\\-]{35})(?![0-9A-Za-z_\\-])", 1, "aiza"),
            rule("gcp-service-account-key", "\"private_key_id\"\\s*:\\s*\"([0-9a-f]{40})\"", 1, "private_key_id"),
            rule("azure-storage-key", "(?i)AccountKey\\s*=\\s*([A-Za-z0-9+/]{86,88}={0,2})", 1, "accountkey"),
            rule("azure-sas-token", "(?i)[?&]sig=([A-Za-z0-9%+/]{40,}={0,2})", 1, "sig="),
            rule(
                    "azure-client-secret",
                    "(?i)(?:azure|aad|client)[_.-]?secret\\s*['\"]?\\s*[:=]\\s*['\"]([A-Za-z0-9~._\\-]{34,40})['\"]",
                    1,
                    "secret"),
            rule(
                    "github-token",
                    "\\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,90})\\b",
                    1,
                    "ghp_",
                    "gho_",
                    "ghu_",
                    "ghs_",
                    "ghr_",
                    "github_pat_"),
            rule("gitlab-token", "\\b(glpat-[A-Za-z0-9_\\-]{20,})\\b", 1, "glpat-"),
            rule("slack-token", "\\b(xox[baprse]-[A-Za-z0-9-]{10,})\\b", 1, "xox"),
            rule("slack-webhook", "(https://hooks\\.slack\\.com/services/[A-Za-z0-9/_]{20,})", 1, "hooks.slack.com"),
            rule("stripe-key", "\\b((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,})\\b", 1, "_live_", "_test_"),
            rule("jwt", "\\b(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})", 1, "eyj"),
            // scheme://user:password@host: only the password goes, so the scheme, user and host still read. Anchored
            // on "://" (a scheme character before it); the userinfo stops at '/', '?', '#', whitespace or a quote, and
            // the password runs to its last '@', so an unencoded '@' in it is not left half visible. No entropy floor:
            // "guest" and "hunter2" are passwords too; placeholders such as ${DB_PASSWORD} are excepted (accepts).
            rule("url-password", "(?<=[A-Za-z0-9+.\\-])://[^\\s:/?#@'\"`]*:([^\\s/?#'\"`]+)@", 1, "://"),
            new SecretRule(
                    "password-assignment",
                    Pattern.compile(
                            // Anchored on the keyword, not on the start of the name: a leading [\w]* would rescan every
                            // identifier.
                            "(?i)(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|credentials?)"
                                    + "[A-Za-z0-9_.\\-]{0,40}['\"]?\\s{0,5}(?::=|=>|==|=|:)\\s{0,5}(['\"])([^'\"\\s]{8,200})\\1"),
                    2,
                    3.5,
                    List.of("pass", "pwd", "secret", "token", "key", "credential")));

    /** A whole value that is a format string's slot ({@code {password}}, {@code %s}) or a row of {@code *}. */
    private static final Pattern FORMAT_PLACEHOLDER = Pattern.compile("\\{[A-Za-z0-9_.]*\\}|%[a-z]|\\*+");

    private static SecretRule rule(String id, String regex, int group, String... hints) {
        return new SecretRule(id, Pattern.compile(regex), group, 0, List.of(hints));
    }

    /** Whether the lower-cased text may hold a match (no hints = always). */
    boolean mayMatch(String lowerCaseText) {
        return hints.isEmpty() || hints.stream().anyMatch(lowerCaseText::contains);
    }

    /** Whether a match's secret part is a credential and not a placeholder or a low-entropy word. */
    boolean accepts(Matcher match) {
        String secret = match.group(secretGroup);
        if (placeholder(secret)) {
            return false;
        }
        return minEntropy <= 0 || entropy(secret) >= minEntropy;
    }

    /**
     * A value that stands for a credential rather than being one: {@code ${X}}, {@code $X}, {@code {{ x }}},
     * {@code <x>}, {@code %(x)s}, a whole {@code {x}} or {@code %s} (format strings), a row of {@code *}, or an
     * earlier rule's redaction marker. No other rule's secret can take these shapes, so the check applies to all.
     */
    static boolean placeholder(String secret) {
        return secret.startsWith("${")
                || secret.startsWith("{{")
                || secret.startsWith("<")
                || secret.startsWith("%(")
                || secret.startsWith("$")
                || secret.startsWith("[REDACTED")
                || FORMAT_PLACEHOLDER.matcher(secret).matches();
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int count : counts) {
            h -= term(count, s.length());
        }
        return h - term(other, s.length());
    }

    private static double term(int count, int length) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / length;
        return p * Math.log(p) / Math.log(2);
    }
}
