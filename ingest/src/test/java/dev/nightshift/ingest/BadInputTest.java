package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.testkit.GitRepoBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@link IngestService#submit}: each fails before anything is published, with one line naming
 * the input and the fix. (No broker is needed: nothing reaches Kafka.)
 */
class BadInputTest {
    @TempDir
    Path tmp;

    IngestService service;

    @BeforeEach
    void setUp() {
        service = new IngestService(
                SampleRepository.config(),
                "127.0.0.1:9",
                tmp.resolve("cache"),
                IngestOptions.fromEnvironment(java.util.Map.of())
                        .withAllowPrivateAddresses(true)
                        .withCloneTimeoutSeconds(5),
                InstantSource.system());
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    private IngestException submitting(String source, String ref) {
        IngestException e = catchThrowableOfType(
                IngestException.class, () -> service.submit(RunPlanning.request(source, ref, TaskType.DOCS)));
        assertThat(e).as("an IngestException for " + source).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
        return e;
    }

    @Test
    void aPathThatDoesNotExistIsNamedWithTheFix() {
        // Given
        Path missing = tmp.resolve("nowhere");

        // When
        IngestException e = submitting(missing.toString(), null);

        // Then
        assertThat(e.getMessage())
                .contains(missing.toString())
                .contains("does not exist")
                .contains("pass the path of a git repository");
    }

    @Test
    void aFolderThatIsNotAGitRepositoryIsNamedWithTheFix() throws Exception {
        // Given
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(plain.resolve("A.java"), "class A {}");

        // When
        IngestException e = submitting(plain.toString(), null);

        // Then
        assertThat(e.getMessage())
                .contains(plain.toString())
                .contains("is not a git repository")
                .contains("root folder");
    }

    @Test
    void anUnknownRefIsNamedWithTheBranchesThatExist() {
        // Given
        SampleRepository repo = SampleRepository.create(tmp.resolve("repo"));

        // When
        IngestException e = submitting(repo.dir.toString(), "no-such-branch");

        // Then
        assertThat(e.getMessage()).contains("unknown ref 'no-such-branch'").contains("main");
    }

    @Test
    void aRefWithInvalidSyntaxIsAnUnknownRef() {
        // Given
        SampleRepository repo = SampleRepository.create(tmp.resolve("repo"));

        // When
        IngestException e = submitting(repo.dir.toString(), "main^^^{nonsense");

        // Then
        assertThat(e.getMessage()).contains("unknown ref 'main^^^{nonsense'");
    }

    @Test
    void anEmptyRepositoryIsNamedWithTheFix() {
        // Given
        Path empty = tmp.resolve("empty");
        GitRepoBuilder.init(empty).close();

        // When
        IngestException e = submitting(empty.toString(), null);

        // Then
        assertThat(e.getMessage())
                .contains(empty.toString())
                .contains("is empty")
                .contains("commit something first");
    }

    @Test
    void aMalformedUrlIsNamedWithTheFormsThatWork() {
        for (String url : new String[] {
            "https://", "htps://example.com/repo.git", "https://exa mple.com/repo.git", "https://example.com"
        }) {
            // When
            IngestException e = submitting(url, null);

            // Then
            assertThat(e.getMessage()).startsWith("malformed repository URL").contains("https://host/owner/repo.git");
        }
    }

    @Test
    void anUnreachableUrlFailsFastWithoutItsCredentials() {
        // Given a port where nothing listens, and credentials in the URL
        String url = "https://alice:s3cr3t-token@127.0.0.1:1/owner/repo.git";

        // When
        long start = System.nanoTime();
        IngestException e = submitting(url, null);

        // Then
        assertThat(e.getMessage())
                .contains("https://127.0.0.1:1/owner/repo.git")
                .contains("check the URL")
                .doesNotContain("s3cr3t-token")
                .doesNotContain("alice");
        assertThat(System.nanoTime() - start).as("fails fast").isLessThan(20_000_000_000L);
    }

    @Test
    void aFileUrlWithoutARepositoryIsNamed() {
        // Given
        String url = tmp.resolve("no-repo-here").toUri().toString();

        // When
        IngestException e = submitting(url, null);

        // Then
        assertThat(e.getMessage()).contains(url).contains("check the URL");
    }
}
