package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.ingest.secret.SecretGuard;
import dev.nightshift.ingest.secret.SecretMode;
import dev.nightshift.testkit.GitRepoBuilder;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the secret guard, on fake credentials assembled at test time (so that no credential-shaped
 * literal sits in this repository), and the guard's place in a run: redact by default, withhold on demand.
 */
class SecretGuardTest {
    private static final Random RANDOM = new Random(42);
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @TempDir
    Path tmp;

    static String random(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String privateKey() {
        String dashes = "-----";
        return dashes + "BEGIN RSA PRIVATE KEY" + dashes + "\n" + random(ALNUM, 64) + "\n" + random(ALNUM, 64) + "\n"
                + dashes + "END RSA PRIVATE KEY" + dashes;
    }

    static String jwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes()) + "."
                + b64.encodeToString("{\"sub\":\"1234567890\",\"name\":\"Test\"}".getBytes()) + "." + random(ALNUM, 43);
    }

    /** (rule, the secret, the line of code that holds it). */
    static java.util.stream.Stream<Arguments> credentials() {
        String aws = "AKIA" + random(UPPER_DIGITS, 16);
        String awsSecret = random(ALNUM + "/+", 40);
        String gcp = "AIza" + random(ALNUM + "_-", 35);
        String azureKey = random(ALNUM + "+/", 86) + "==";
        String azureSig = random(ALNUM, 44);
        String github = "ghp_" + random(ALNUM, 36);
        String githubPat = "github_pat_" + random(ALNUM + "_", 82);
        String gitlab = "glpat-" + random(ALNUM, 20);
        String slack = "xoxb-" + random("0123456789", 12) + "-" + random(ALNUM, 24);
        String slackHook = "https://hooks.slack.com/services/T" + random(UPPER_DIGITS, 8) + "/B" + random(UPPER_DIGITS, 8)
                + "/" + random(ALNUM, 24);
        String stripe = "sk_" + "live_" + random(ALNUM, 24);
        String token = jwt();
        String password = random(ALNUM + "!@#%^&*", 20);
        String key = privateKey();
        String gcpKeyId = random("0123456789abcdef", 40);
        return java.util.stream.Stream.of(
                Arguments.of("private-key", key, "KEY = '''" + key + "'''\n"),
                Arguments.of("aws-access-key-id", aws, "aws_access_key_id = \"" + aws + "\"\n"),
                Arguments.of("aws-secret-access-key", awsSecret, "aws_secret_access_key = " + awsSecret + "\n"),
                Arguments.of("gcp-api-key", gcp, "const key = \"" + gcp + "\";\n"),
                Arguments.of("gcp-service-account-key", gcpKeyId, "{\"private_key_id\": \"" + gcpKeyId + "\"}\n"),
                Arguments.of("azure-storage-key", azureKey,
                        "conn = \"DefaultEndpointsProtocol=https;AccountName=x;AccountKey=" + azureKey + ";\"\n"),
                Arguments.of("azure-sas-token", azureSig, "url = \"https://x.blob.core.windows.net/c?sv=2020&sig=" + azureSig + "\"\n"),
                Arguments.of("github-token", github, "GITHUB = \"" + github + "\"\n"),
                Arguments.of("github-token", githubPat, "GITHUB = \"" + githubPat + "\"\n"),
                Arguments.of("gitlab-token", gitlab, "token: " + gitlab + "\n"),
                Arguments.of("slack-token", slack, "SLACK = '" + slack + "'\n"),
                Arguments.of("slack-webhook", slackHook, "HOOK = \"" + slackHook + "\"\n"),
                Arguments.of("stripe-key", stripe, "Stripe.apiKey = \"" + stripe + "\";\n"),
                Arguments.of("jwt", token, "Authorization: Bearer " + token + "\n"),
                Arguments.of("password-assignment", password, "db_password = \"" + password + "\"\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentials")
    void eachRuleRedactsItsSecretAndReportsOnlyTheRuleId(String rule, String secret, String code) {
        // When
        SecretGuard.Scan scan = new SecretGuard().scan("x = 1\n" + code + "y = 2\n");

        // Then
        assertThat(scan.rules()).contains(rule);
        assertThat(scan.redacted()).doesNotContain(secret).contains("[REDACTED:").contains("x = 1\n").endsWith("y = 2\n");
        assertThat(String.join(" ", scan.rules())).doesNotContain(secret);
    }

    @Test
    void lowEntropyValuesAndPlaceholdersAreNotPasswords() {
        // When
        SecretGuard.Scan scan = new SecretGuard().scan("""
                password = "password"
                api_key = "${API_KEY}"
                token = "<your-token-here>"
                secret = "aaaaaaaaaaaaaaaa"
                """);

        // Then
        assertThat(scan.clean()).isTrue();
    }

    @Test
    void aRunRedactsByDefaultAndTheReportNamesPathAndRuleNeverTheSecret() {
        // Given
        String aws = "AKIA" + random(UPPER_DIGITS, 16);
        Path dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file("app/settings.py", "AWS_KEY = \"" + aws + "\"\n\ndef region():\n    return 'eu'\n")
                    .file(".env", "DB_PASSWORD=" + random(ALNUM, 20) + "\n")
                    .file("config/.env.production", "X=1\n").file(".env.example", "X=\n")
                    .file("deploy/id_rsa", privateKey() + "\n").commit("c");
        }

        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache")).plan(dir.toString(), null, TaskType.DOCS);

        // Then
        assertThat(result.job("app/settings.py").content()).doesNotContain(aws).contains("[REDACTED:aws-access-key-id]")
                .contains("def region()");
        assertThat(result.skipReasons("app/settings.py")).containsExactly("redacted:aws-access-key-id");
        assertThat(result.skipReason(".env")).isEqualTo("secret:env-file");
        assertThat(result.skipReason("config/.env.production")).isEqualTo("secret:env-file");
        assertThat(result.skipReason(".env.example")).isEqualTo("not-source");
        assertThat(result.skipReason("deploy/id_rsa")).isEqualTo("secret:private-key-file");
        assertThat(result.plan().toString()).doesNotContain(aws);
        assertThat(result.jobs()).allSatisfy(j -> assertThat(j.content()).doesNotContain(aws));
    }

    @Test
    void withholdModeLeavesTheWholeFileOut() {
        // Given
        String stripe = "sk_" + "test_" + random(ALNUM, 24);
        Path dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file("pay.js", "const key = '" + stripe + "';\nexport function pay() { return key; }\n")
                    .file("ok.js", "export function ok() { return 1; }\n").commit("c");
        }
        IngestOptions withhold = IngestOptions.fromEnvironment(java.util.Map.of()).withSecrets(SecretMode.WITHHOLD);

        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"), withhold)
                .plan(dir.toString(), null, TaskType.DOCS);

        // Then
        assertThat(result.skipReason("pay.js")).isEqualTo("secret:stripe-key");
        assertThat(result.unitPaths()).contains("ok.js").doesNotContain("pay.js");
        assertThat(result.jobs()).allSatisfy(j -> assertThat(j.content()).doesNotContain(stripe));
    }
}
