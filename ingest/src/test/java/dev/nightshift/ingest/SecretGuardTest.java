package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.ingest.secret.SecretGuard;
import dev.nightshift.ingest.secret.SecretMode;
import dev.nightshift.testkit.GitRepoBuilder;
import java.nio.charset.StandardCharsets;
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
        byte[] header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8);
        byte[] payload = "{\"sub\":\"1234567890\",\"name\":\"Test\"}".getBytes(StandardCharsets.UTF_8);
        return b64.encodeToString(header) + "." + b64.encodeToString(payload) + "." + random(ALNUM, 43);
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
        String slackHook = "https://hooks.slack.com/services/T" + random(UPPER_DIGITS, 8) + "/B"
                + random(UPPER_DIGITS, 8) + "/" + random(ALNUM, 24);
        String stripe = "sk_" + "live_" + random(ALNUM, 24);
        String token = jwt();
        String password = random(ALNUM + "!@#%^&*", 20);
        String key = privateKey();
        String gcpKeyId = random("0123456789abcdef", 40);
        String urlPassword = random(ALNUM, 16);
        return java.util.stream.Stream.of(
                Arguments.of("private-key", key, "KEY = '''" + key + "'''\n"),
                Arguments.of("aws-access-key-id", aws, "aws_access_key_id = \"" + aws + "\"\n"),
                Arguments.of("aws-secret-access-key", awsSecret, "aws_secret_access_key = " + awsSecret + "\n"),
                Arguments.of("gcp-api-key", gcp, "const key = \"" + gcp + "\";\n"),
                Arguments.of("gcp-service-account-key", gcpKeyId, "{\"private_key_id\": \"" + gcpKeyId + "\"}\n"),
                Arguments.of(
                        "azure-storage-key",
                        azureKey,
                        "conn = \"DefaultEndpointsProtocol=https;AccountName=x;AccountKey=" + azureKey + ";\"\n"),
                Arguments.of(
                        "azure-sas-token",
                        azureSig,
                        "url = \"https://x.blob.core.windows.net/c?sv=2020&sig=" + azureSig + "\"\n"),
                Arguments.of("github-token", github, "GITHUB = \"" + github + "\"\n"),
                Arguments.of("github-token", githubPat, "GITHUB = \"" + githubPat + "\"\n"),
                Arguments.of("gitlab-token", gitlab, "token: " + gitlab + "\n"),
                Arguments.of("slack-token", slack, "SLACK = '" + slack + "'\n"),
                Arguments.of("slack-webhook", slackHook, "HOOK = \"" + slackHook + "\"\n"),
                Arguments.of("stripe-key", stripe, "Stripe.apiKey = \"" + stripe + "\";\n"),
                Arguments.of("jwt", token, "Authorization: Bearer " + token + "\n"),
                Arguments.of("password-assignment", password, "db_password = \"" + password + "\"\n"),
                Arguments.of(
                        "url-password",
                        urlPassword,
                        "DATABASE_URL = \"postgres://app:" + urlPassword + "@db:5432/app\"\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentials")
    void eachRuleRedactsItsSecretAndReportsOnlyTheRuleId(String rule, String secret, String code) {
        // When
        SecretGuard.Scan scan = new SecretGuard().scan("x = 1\n" + code + "y = 2\n");

        // Then
        assertThat(scan.rules()).contains(rule);
        assertThat(scan.redacted())
                .doesNotContain(secret)
                .contains("[REDACTED:")
                .contains("x = 1\n")
                .endsWith("y = 2\n");
        assertThat(String.join(" ", scan.rules())).doesNotContain(secret);
    }

    /** A URL with its credentials, assembled here so that no credential-shaped literal sits in this repository. */
    static String url(String scheme, String user, String password, String rest) {
        return scheme + "://" + user + ":" + password + "@" + rest;
    }

    /** (URL in code, the same code as redacted): the password goes, however weak; scheme, user and host stay. */
    static java.util.stream.Stream<Arguments> urlsWithPasswords() {
        String marker = "[REDACTED:url-password]";
        return java.util.stream.Stream.of(
                Arguments.of(url("postgres", "app", "secret", "db/app"), url("postgres", "app", marker, "db/app")),
                Arguments.of(
                        url("mysql", "root", "hunter2", "10.0.0.5:3306/x"),
                        url("mysql", "root", marker, "10.0.0.5:3306/x")),
                Arguments.of(
                        url("https", "user", "tok3n", "git.example.com/r.git"),
                        url("https", "user", marker, "git.example.com/r.git")),
                Arguments.of(
                        url("amqp", "guest", "guest", "rabbit:5672/"), url("amqp", "guest", marker, "rabbit:5672/")),
                Arguments.of(url("redis", "", "pass", "host:6379"), url("redis", "", marker, "host:6379")),
                Arguments.of(
                        url("mongodb+srv", "svc", "p@ss:w0rd", "cluster0.example.net/db?retryWrites=true"),
                        url("mongodb+srv", "svc", marker, "cluster0.example.net/db?retryWrites=true")),
                Arguments.of(
                        url("postgresql", "${DB_USER}", "s3cr3t", "${DB_HOST}/app"),
                        url("postgresql", "${DB_USER}", marker, "${DB_HOST}/app")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlsWithPasswords")
    void aUrlLosesItsPasswordAndKeepsSchemeUserAndHost(String url, String redacted) {
        // Given
        String code =
                "import os\n\nDATABASE_URL = os.environ.get('DATABASE_URL', '" + url + "')\nconnect(\"" + url + "\")\n";

        // When
        SecretGuard.Scan scan = new SecretGuard().scan(code);

        // Then
        assertThat(scan.redacted()).isEqualTo(code.replace(url, redacted));
        assertThat(scan.rules()).containsExactly("url-password");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "https://github.com/x/y",
                "ssh://git@github.com:22/owner/repo.git",
                "git@github.com:owner/repo.git",
                "user@host",
                "http://localhost:8080/users/@me",
                "http://[::1]:8080/health",
                "postgres://app:${DB_PASSWORD}@db/app",
                "postgres://app:$DB_PASSWORD@db/app",
                "postgres://app:<password>@db/app",
                "postgres://{user}:{password}@{host}/{name}",
                "postgres://%s:%s@%s/%s",
                "postgres://%(user)s:%(password)s@%(host)s/app",
                "postgres://app:{{ db_password }}@db/app",
                "postgres://app:********@db/app"
            })
    void aUrlWithoutAPasswordOrWithAPlaceholderForItIsLeftAlone(String url) {
        // When
        SecretGuard.Scan scan = new SecretGuard().scan("url = \"" + url + "\"\n");

        // Then
        assertThat(scan.clean()).as("rules fired: %s", scan.rules()).isTrue();
        assertThat(scan.redacted()).isEqualTo("url = \"" + url + "\"\n");
    }

    @Test
    void aTokenInAUrlIsRedactedOnceByItsOwnRule() {
        // Given
        String github = "ghp_" + random(ALNUM, 36);

        // When
        SecretGuard.Scan scan =
                new SecretGuard().scan("REMOTE = \"" + url("https", "ci", github, "github.com/o/r.git") + "\"\n");

        // Then
        assertThat(scan.redacted())
                .isEqualTo(
                        "REMOTE = \"" + url("https", "ci", "[REDACTED:github-token]", "github.com/o/r.git") + "\"\n");
        assertThat(scan.rules()).containsExactly("github-token");
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
                    .file("config/.env.production", "X=1\n")
                    .file(".env.example", "X=\n")
                    .file("deploy/id_rsa", privateKey() + "\n")
                    .commit("c");
        }

        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"))
                .plan(dir.toString(), null, TaskType.DOCS);

        // Then
        assertThat(result.job("app/settings.py").content())
                .doesNotContain(aws)
                .contains("[REDACTED:aws-access-key-id]")
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
    void aRunSendsADatabaseUrlWithoutItsPasswordAndWithholdModeLeavesTheFileOut() {
        // Given
        String password = random(ALNUM, 12);
        String databaseUrl = url("postgres", "app", password, "db:5432/app");
        String brokerUrl = url("amqp", "guest", "guest", "rabbit:5672/");
        Path dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file(
                            "app/db.py",
                            "DATABASE_URL = \"" + databaseUrl + "\"\n\n\ndef connect():\n    return DATABASE_URL\n")
                    .file(
                            "app/queue.js",
                            "const BROKER = '" + brokerUrl + "';\nexport function broker() { return BROKER; }\n")
                    .file("app/clone.py", "REPO = 'https://github.com/x/y'\n\n\ndef repo():\n    return REPO\n")
                    .commit("c");
        }
        IngestOptions withhold =
                IngestOptions.fromEnvironment(java.util.Map.of()).withSecrets(SecretMode.WITHHOLD);

        // When
        RunPlanning.Result redacted = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"))
                .plan(dir.toString(), null, TaskType.DOCS);
        RunPlanning.Result withheld = new RunPlanning(
                        SampleRepository.config(), tmp.resolve("cache-withhold"), withhold)
                .plan(dir.toString(), null, TaskType.DOCS);

        // Then
        assertThat(redacted.job("app/db.py").content())
                .contains("DATABASE_URL = \"postgres://app:[REDACTED:url-password]@db:5432/app\"")
                .contains("def connect()")
                .doesNotContain(password);
        assertThat(redacted.job("app/queue.js").content())
                .contains("'amqp://guest:[REDACTED:url-password]@rabbit:5672/'");
        assertThat(redacted.skipReasons("app/db.py")).containsExactly("redacted:url-password");
        assertThat(redacted.skipReasons("app/queue.js")).containsExactly("redacted:url-password");
        assertThat(redacted.job("app/clone.py").content()).contains("'https://github.com/x/y'");
        assertThat(redacted.skipReasons("app/clone.py")).isEmpty();
        assertThat(redacted.plan().toString()).doesNotContain(password);
        assertThat(redacted.jobs())
                .allSatisfy(
                        j -> assertThat(j.content()).doesNotContain(databaseUrl).doesNotContain(brokerUrl));
        assertThat(withheld.skipReason("app/db.py")).isEqualTo("secret:url-password");
        assertThat(withheld.skipReason("app/queue.js")).isEqualTo("secret:url-password");
        assertThat(withheld.unitPaths()).contains("app/clone.py").doesNotContain("app/db.py", "app/queue.js");
        assertThat(withheld.jobs())
                .allSatisfy(
                        j -> assertThat(j.content()).doesNotContain(password).doesNotContain(brokerUrl));
    }

    @Test
    void withholdModeLeavesTheWholeFileOut() {
        // Given
        String stripe = "sk_" + "test_" + random(ALNUM, 24);
        Path dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file("pay.js", "const key = '" + stripe + "';\nexport function pay() { return key; }\n")
                    .file("ok.js", "export function ok() { return 1; }\n")
                    .commit("c");
        }
        IngestOptions withhold =
                IngestOptions.fromEnvironment(java.util.Map.of()).withSecrets(SecretMode.WITHHOLD);

        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"), withhold)
                .plan(dir.toString(), null, TaskType.DOCS);

        // Then
        assertThat(result.skipReason("pay.js")).isEqualTo("secret:stripe-key");
        assertThat(result.unitPaths()).contains("ok.js").doesNotContain("pay.js");
        assertThat(result.jobs()).allSatisfy(j -> assertThat(j.content()).doesNotContain(stripe));
    }
}
