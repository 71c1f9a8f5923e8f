package dev.nightshift.bench.validate;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.validator.runner.Candidate;
import java.util.List;

/**
 * Candidate tests for classes of this repository's {@code core} module, as a model might write them: JUnit 5
 * with AssertJ, most of them right, two with a wrong assertion, one partly wrong, one that does not compile.
 *
 * @param expected what the validator should say ({@code PASSED} may be {@code NO_GAIN} where the module's own
 *                 tests already cover the lines), for the table
 */
record CoreCandidates(Candidate candidate, String expected) {
    static List<CoreCandidates> all() {
        return List.of(
                of("job", "TaskType", "TaskTypeCandidateTest", "passed", """
                        @Test
                        void parsesIdsInAnyCase() {
                            assertThat(TaskType.parse(" Tests ")).isEqualTo(TaskType.TESTS);
                            assertThat(TaskType.DOCS.id()).isEqualTo("docs");
                        }

                        @Test
                        void listsTheValidIdsWhenItCannotParse() {
                            assertThatThrownBy(() -> TaskType.parse("lint")).hasMessageContaining("docs, tests");
                            assertThatThrownBy(() -> TaskType.parse(null)).isInstanceOf(IllegalArgumentException.class);
                        }
                        """),
                of("job", "JobIds", "JobIdsCandidateTest", "passed", """
                        @Test
                        void hashesTheEmptyStringLikeEveryone() {
                            assertThat(JobIds.contentHash(""))
                                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
                        }

                        @Test
                        void derivesTheSameJobIdFromTheSameWork() {
                            String a = JobIds.jobId("repo", "c1", TaskType.DOCS, "A.java", "h", "v1");
                            assertThat(a).startsWith("j-").hasSize(34)
                                    .isEqualTo(JobIds.jobId("repo", "c1", TaskType.DOCS, "A.java", "h", "v1"))
                                    .isNotEqualTo(JobIds.jobId("repo", "c2", TaskType.DOCS, "A.java", "h", "v1"));
                        }
                        """),
                of("run", "RunIds", "RunIdsCandidateTest", "passed", """
                        @Test
                        void startsWithTheTimeInUtc() {
                            String id = RunIds.newRunId(java.time.Instant.parse("2026-01-02T03:04:05Z"));
                            assertThat(id).startsWith("r-20260102-030405-").hasSize(22);
                        }
                        """),
                of("provider", "ModelRef", "ModelRefCandidateTest", "passed", """
                        @Test
                        void parsesProviderAndModel() {
                            ModelRef ref = ModelRef.parse("deepseek/deepseek-chat");
                            assertThat(ref.provider()).isEqualTo("deepseek");
                            assertThat(ref.model()).isEqualTo("deepseek-chat");
                            assertThat(ref).hasToString("deepseek/deepseek-chat");
                        }

                        @Test
                        void refusesWhatIsNotAReference() {
                            assertThatThrownBy(() -> ModelRef.parse("no-slash")).hasMessageContaining("provider/model");
                            assertThatThrownBy(() -> ModelRef.parse("Upper/x")).hasMessageContaining("lowercase");
                            assertThatThrownBy(() -> new ModelRef("ok", " ")).hasMessageContaining("model id is required");
                        }
                        """),
                of("provider", "Protocol", "ProtocolCandidateTest", "passed", """
                        @Test
                        void parsesTrimmedIdsInAnyCase() {
                            assertThat(Protocol.parse(" Gemini ")).isEqualTo(Protocol.GEMINI);
                            assertThat(Protocol.ANTHROPIC.id()).isEqualTo("anthropic");
                        }

                        @Test
                        void refusesUnknownProtocols() {
                            assertThatThrownBy(() -> Protocol.parse("grpc")).hasMessageContaining("openai, anthropic, gemini");
                        }
                        """),
                of("usage", "Usage", "UsageCandidateTest", "passed", """
                        @Test
                        void addsBucketByBucket() {
                            Usage sum = Usage.of(10, 0, 0, 5).plus(new Usage(null, 3L, null, 1L));
                            assertThat(sum.totalInput()).isEqualTo(13);
                            assertThat(sum.total()).isEqualTo(19);
                            assertThat(sum.cacheWriteInput()).isEqualTo(0L);
                        }

                        @Test
                        void notReportedIsNotZero() {
                            assertThat(Usage.NOT_REPORTED.isReported()).isFalse();
                            assertThat(Usage.NOT_REPORTED.total()).isZero();
                            assertThatThrownBy(() -> Usage.of(-1, 0, 0, 0)).hasMessageContaining("cannot be negative");
                        }
                        """),
                of("job", "JobState", "JobStateCandidateTest", "passed", """
                        @Test
                        void onlyEndStatesAreTerminal() {
                            assertThat(JobState.PLANNED.terminal()).isFalse();
                            assertThat(JobState.RUNNING.terminal()).isFalse();
                            assertThat(JobState.SUCCEEDED.terminal()).isTrue();
                            assertThat(JobState.DEAD_LETTERED.terminal()).isTrue();
                        }
                        """),
                of("attempt", "FailureClass", "FailureClassCandidateTest", "passed", """
                        @Test
                        void onlyPassingTroublesAreRetryable() {
                            assertThat(FailureClass.RATE_LIMITED.retryable()).isTrue();
                            assertThat(FailureClass.TRANSIENT.retryable()).isTrue();
                            assertThat(FailureClass.UNAUTHORIZED.retryable()).isFalse();
                            assertThat(FailureClass.TEST_REJECTED.retryable()).isFalse();
                        }
                        """),
                of("cache", "ContentKeys", "ContentKeysCandidateTest", "passed", """
                        @Test
                        void keysByContentAndTenant() {
                            String key = ContentKeys.of("t1", dev.nightshift.core.job.TaskType.DOCS, "A.java", "h", "v1", "");
                            assertThat(key).startsWith("ck-").hasSize(43)
                                    .isNotEqualTo(ContentKeys.of("t2", dev.nightshift.core.job.TaskType.DOCS, "A.java", "h", "v1", ""));
                            assertThat(ContentKeys.of(null, null, null, null, null, null))
                                    .isEqualTo(ContentKeys.of("default", null, "", "", "", ""));
                        }

                        @Test
                        void tellsSimulatedFromRealEntries() {
                            assertThat(ContentKeys.entry("ck-1", true)).isEqualTo("ck-1:sim");
                            assertThat(ContentKeys.entry("ck-1", false)).isEqualTo("ck-1:real");
                        }
                        """),
                of("validation", "Coverage", "CoverageCandidateTest", "passed", """
                        @Test
                        void gainsWhenLinesOrBranchesGrow() {
                            assertThat(new Coverage(10, 2, 5, 4, 1, 1).linesGained()).isEqualTo(3);
                            assertThat(new Coverage(10, 2, 2, 4, 1, 3).gained()).isTrue();
                            assertThat(Coverage.NONE.gained()).isFalse();
                        }

                        @Test
                        void refusesNegativeCounts() {
                            assertThatThrownBy(() -> new Coverage(1, -1, 0, 0, 0, 0)).hasMessageContaining("negative");
                        }
                        """),
                of("validation", "Verdict", "VerdictCandidateTest", "passed", """
                        @Test
                        void parsesItsIds() {
                            assertThat(Verdict.parse("sandbox-violation")).isEqualTo(Verdict.SANDBOX_VIOLATION);
                            assertThat(Verdict.NO_GAIN.id()).isEqualTo("no-gain");
                            assertThatThrownBy(() -> Verdict.parse("maybe")).hasMessageContaining("unknown verdict");
                        }

                        @Test
                        void blamesTheModelOnlyForItsOwnFaults() {
                            assertThat(Verdict.FLAKY.repairable()).isTrue();
                            assertThat(Verdict.SANDBOX_VIOLATION.repairable()).isFalse();
                            assertThat(Verdict.INFRASTRUCTURE.modelsFault()).isFalse();
                            assertThat(Verdict.TIMEOUT.modelsFault()).isTrue();
                        }
                        """),
                of("validation", "TestFramework", "TestFrameworkCandidateTest", "passed", """
                        @Test
                        void parsesIdsWithDashes() {
                            assertThat(TestFramework.parse("node-test")).isEqualTo(TestFramework.NODE_TEST);
                            assertThat(TestFramework.GO_TEST.id()).isEqualTo("go-test");
                            assertThat(TestFramework.VITEST.language()).isEqualTo("javascript");
                            assertThatThrownBy(() -> TestFramework.parse("spock")).hasMessageContaining("unknown test framework");
                        }
                        """),
                of("validation", "Repair", "RepairCandidateTest", "passed", """
                        @Test
                        void keepsDiagnosticsNeverNull() {
                            Repair repair = new Repair(1, "class T {}", Verdict.FAILED, null);
                            assertThat(repair.diagnostics()).isEmpty();
                            assertThatThrownBy(() -> new Repair(0, "x", Verdict.FAILED, "")).hasMessageContaining(">= 1");
                        }
                        """),
                of("money", "Money", "MoneyCandidateTest", "no-gain", """
                        @Test
                        void equalAmountsAreEqual() {
                            assertThat(Money.usd("1.10")).isEqualTo(Money.usd("1.1"));
                        }
                        """),
                of("usage", "Usage", "UsageWrongCandidateTest", "failed", """
                        @Test
                        void totalsEverything() {
                            assertThat(Usage.of(1, 2, 3, 4).total()).isEqualTo(12);
                        }
                        """),
                of("provider", "Protocol", "ProtocolWrongCandidateTest", "failed", """
                        @Test
                        void refusesPaddedIds() {
                            assertThatThrownBy(() -> Protocol.parse(" openai ")).isInstanceOf(IllegalArgumentException.class);
                        }
                        """),
                of("provider", "ModelRef", "ModelRefPartCandidateTest", "passed, 1 of 2 kept", """
                        @Test
                        void requiresAModel() {
                            assertThatThrownBy(() -> new ModelRef("qwen", "")).hasMessageContaining("model id is required");
                        }

                        @Test
                        void acceptsUpperCaseProviders() {
                            assertThat(ModelRef.parse("OpenAI/gpt-4o").provider()).isEqualTo("OpenAI");
                        }
                        """),
                of("job", "JobState", "JobStateTypoCandidateTest", "build-failed", """
                        @Test
                        void doneIsTerminal() {
                            assertThat(JobState.DONE.terminal()).isTrue();
                        }
                        """));
    }

    private static CoreCandidates of(String pkg, String unit, String testClass, String expected, String body) {
        String packageName = "dev.nightshift.core." + pkg;
        String source = "package " + packageName + ";\n\n"
                + "import static org.assertj.core.api.Assertions.assertThat;\n"
                + "import static org.assertj.core.api.Assertions.assertThatThrownBy;\n\n"
                + "import org.junit.jupiter.api.Test;\n\n"
                + "class " + testClass + " {\n"
                + body.indent(4)
                + "}\n";
        String dir = packageName.replace('.', '/');
        TestTarget target = TestTarget.single(
                "src/test/java/" + dir + "/" + testClass + ".java",
                packageName + "." + testClass,
                TestFramework.JUNIT5,
                "src/main/java/" + dir + "/" + unit + ".java",
                packageName,
                List.of("assertj"));
        return new CoreCandidates(new Candidate(target, source), expected);
    }

    String testClass() {
        return candidate.target().name().substring(candidate.target().name().lastIndexOf('.') + 1);
    }
}
