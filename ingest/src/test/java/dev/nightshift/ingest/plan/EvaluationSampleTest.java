package dev.nightshift.ingest.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.run.EvaluationSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample an evaluation sends to every model: stratified, proportional, the same units for every arm. */
class EvaluationSampleTest {
    private static final ModelRef MODEL = ModelRef.parse("deepseek/deepseek-chat");

    @TempDir
    Path dir;

    /** 60 small Java units, 20 large Java units, 15 small Python units, 5 small JavaScript units. */
    private JobSpool plan(String runId) {
        JobSpool spool = new JobSpool(dir);
        for (int i = 0; i < 60; i++) {
            spool.add(job(runId, "src/Small" + i + ".java", "java", 500));
        }
        for (int i = 0; i < 20; i++) {
            spool.add(job(runId, "src/Large" + i + ".java", "java", 9_000));
        }
        for (int i = 0; i < 15; i++) {
            spool.add(job(runId, "lib/mod" + i + ".py", "python", 700));
        }
        for (int i = 0; i < 5; i++) {
            spool.add(job(runId, "web/w" + i + ".js", "javascript", 300));
        }
        return spool;
    }

    private static Job job(String runId, String path, String language, long tokens) {
        return new Job(
                runId + ":" + path,
                runId,
                "acme",
                "/repo",
                "c1",
                TaskType.TESTS,
                path,
                language,
                "h-" + path,
                "1",
                "content of " + path,
                tokens,
                2048,
                true);
    }

    private static List<Job> jobs(JobSpool spool) {
        List<Job> jobs = new ArrayList<>();
        spool.replay((id, bytes) -> jobs.add(MessageCodec.JOB.decode(bytes)));
        return jobs;
    }

    private List<String> sampledPaths(String runId, int size, long seed) {
        try (JobSpool planned = plan(runId);
                JobSpool sample = EvaluationSample.of(planned, new EvaluationSpec("e-1", MODEL, size, seed), dir)) {
            return jobs(sample).stream().map(Job::unitPath).toList();
        }
    }

    @Test
    void givesEachLanguageAndSizeAShareProportionalToItsUnits() {
        List<String> sample = sampledPaths("r-a", 20, 7);

        Map<String, Long> byStratum = sample.stream()
                .collect(Collectors.groupingBy(
                        p -> p.startsWith("src/Small")
                                ? "java/small"
                                : p.startsWith("src/Large")
                                        ? "java/large"
                                        : p.endsWith(".py") ? "python/small" : "javascript/small",
                        Collectors.counting()));
        assertThat(sample).hasSize(20).doesNotHaveDuplicates();
        assertThat(byStratum)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("java/small", 12L, "java/large", 4L, "python/small", 3L, "javascript/small", 1L));
    }

    @Test
    void keepsAtLeastOneUnitOfEveryStratumWhenTheSampleAllows() {
        List<String> sample = sampledPaths("r-b", 4, 7);

        assertThat(sample).hasSize(4);
        assertThat(sample)
                .anyMatch(p -> p.startsWith("src/Small"))
                .anyMatch(p -> p.startsWith("src/Large"))
                .anyMatch(p -> p.endsWith(".py"))
                .anyMatch(p -> p.endsWith(".js"));
    }

    @Test
    void picksTheSameUnitsForEveryArmAndOtherUnitsForAnotherSeed() {
        List<String> first = sampledPaths("r-arm-1", 10, 7);
        List<String> second = sampledPaths("r-arm-2", 10, 7);
        List<String> otherSeed = sampledPaths("r-arm-3", 10, 8);

        assertThat(second).containsExactlyElementsOf(first);
        assertThat(otherSeed).hasSize(10).isNotEqualTo(first);
    }

    @Test
    void takesEveryUnitWhenTheSampleIsLargerThanThePlan() {
        assertThat(sampledPaths("r-c", 1_000, 1)).hasSize(100);
    }

    @Test
    void samplesDocumentationAtTheFileLevelOnly() {
        try (JobSpool planned = new JobSpool(dir)) {
            Job file = job("r-d", "src/A.java", "java", 400);
            planned.add(new Job(
                    file.jobId(),
                    "r-d",
                    "acme",
                    "/repo",
                    "c1",
                    TaskType.DOCS,
                    "src/A.java",
                    "java",
                    "h",
                    "1",
                    "x",
                    400,
                    1024,
                    true,
                    null,
                    DocsTarget.file("src/A.java.md", List.of("A"))));
            planned.add(new Job(
                    "r-d:src",
                    "r-d",
                    "acme",
                    "/repo",
                    "c1",
                    TaskType.DOCS,
                    "src",
                    null,
                    "h2",
                    "1",
                    "",
                    0,
                    1024,
                    true,
                    null,
                    DocsTarget.composite(DocLevel.FOLDER, "src/README.md", List.of())));
            try (JobSpool sample = EvaluationSample.of(planned, new EvaluationSpec("e-2", MODEL, 10, 1), dir)) {
                assertThat(jobs(sample)).extracting(Job::unitPath).containsExactly("src/A.java");
            }
        }
    }

    @Test
    void theSampledPlanCountsOnlyTheSampledJobsTokens() {
        try (JobSpool planned = plan("r-e");
                JobSpool sample = EvaluationSample.of(planned, new EvaluationSpec("e-3", MODEL, 5, 3), dir)) {
            long tokens = jobs(sample).stream().mapToLong(Job::inputTokens).sum();
            assertThat(sample.inputTokens()).isEqualTo(tokens);
            assertThat(sample.jobIds()).hasSize(5).allMatch(id -> id.startsWith("r-e:"));
        }
    }
}
