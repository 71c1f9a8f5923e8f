package dev.nightshift.router.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.router.Attempts;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.budget.BudgetSettings;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.failover.FailoverSettings;
import dev.nightshift.router.failover.RetryPlan;
import dev.nightshift.router.failover.RetryPlanner;
import dev.nightshift.router.health.HealthBoard;
import dev.nightshift.router.policy.Constraints;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.ProviderView;
import dev.nightshift.router.policy.RouteDecision;
import dev.nightshift.router.policy.RouteRule;
import dev.nightshift.router.policy.RoutingPolicy;
import dev.nightshift.router.policy.Spillover;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code cheapest-per-pass} strategy on figures as the sink publishes them: a language the cheap model is poor at
 * starts at the stronger tier, the others stay cheap; thin evidence leaves the tiers alone; a fixed share explores;
 * hard constraints, spill-over and retries work as under fixed tiers; the reason names the figures.
 */
class CheapestPerPassTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final String DEEPSEEK = "deepseek/deepseek-chat";
    private static final String HAIKU = "anthropic/claude-3-5-haiku";
    private static final String MINI = "openai/gpt-4o-mini";
    private static final LearningSettings NO_EXPLORATION = LearningSettings.DEFAULT.withExplorationShare(0);

    private final RoutingStats stats = new RoutingStats();

    private RoutingPolicy policy(
            List<String> chain, LearningSettings learning, Constraints constraints, Spillover spillover) {
        RouteRule rule = RouteRule.forTask(
                "tests-learning",
                TaskType.TESTS,
                chain.stream().map(ModelRef::parse).toList());
        return new RouterConfig(
                        List.of(rule),
                        constraints,
                        spillover,
                        FailoverSettings.DEFAULT,
                        BudgetSettings.UNLIMITED,
                        OutputExpectation.DEFAULT,
                        null)
                .withStrategy(RoutingStrategy.CHEAPEST_PER_PASS)
                .withLearning(learning)
                .policy(CONFIG, stats);
    }

    private RoutingPolicy policy(LearningSettings learning) {
        return policy(List.of(DEEPSEEK, HAIKU), learning, Constraints.DEFAULT, null);
    }

    private static Job job(String language, String path) {
        // 1,000 tokens of unit plus the 512-token template: a small prompt
        return Jobs.job("r-learn", path, TaskType.TESTS, language, "code", 1_000, 4096);
    }

    private static RouteDecision.Routed routed(RoutingPolicy policy, Job job, ProviderView view) {
        return (RouteDecision.Routed) policy.route(job, view);
    }

    /** DeepSeek writes JavaScript tests that rarely pass and Python tests that mostly do; Haiku is good at both. */
    private void deepSeekPoorAtJavaScript() {
        stats.put(Cells.tests(DEEPSEEK, "javascript", 100, 10, 60, 6, 0.0004));
        stats.put(Cells.tests(HAIKU, "javascript", 40, 34, 6, 4, 0.005));
        stats.put(Cells.tests(DEEPSEEK, "python", 100, 70, 30, 20, 0.0004));
        stats.put(Cells.tests(HAIKU, "python", 40, 34, 6, 4, 0.005));
    }

    @Test
    void aLanguageTheCheapModelFailsAtStartsAtTheStrongerTierAndTheOthersStayCheap() {
        deepSeekPoorAtJavaScript();
        RoutingPolicy policy = policy(NO_EXPLORATION);

        RouteDecision.Routed javascript = routed(policy, job("javascript", "src/a.js"), ProviderView.ALL_HEALTHY);
        RouteDecision.Routed python = routed(policy, job("python", "src/a.py"), ProviderView.ALL_HEALTHY);
        RouteDecision.Routed go = routed(policy, job("go", "a.go"), ProviderView.ALL_HEALTHY);

        assertThat(javascript.model()).hasToString(HAIKU);
        assertThat(javascript.chainIndex()).isEqualTo(1);
        // DeepSeek's chain is cheaper per pass only because it escalates to Haiku; its own stage passes too rarely
        assertThat(javascript.reason())
                .isEqualTo("rule tests-learning -> anthropic/claude-3-5-haiku (chain position 2; "
                        + "cheapest-per-pass tests/javascript/small: $0.0062/pass (pass 0.99, n=46) "
                        + "vs deepseek/deepseek-chat $0.0055/pass (pass 0.28 < 0.50, n=160))");
        assertThat(python.model()).hasToString(DEEPSEEK);
        assertThat(python.reason())
                .startsWith(
                        "rule tests-learning -> deepseek/deepseek-chat (first choice; "
                                + "cheapest-per-pass tests/python/small: $0.00077/pass (pass 0.97, n=130) vs anthropic/claude-3-5-haiku");
        assertThat(go.model()).hasToString(DEEPSEEK);
        assertThat(go.reason())
                .endsWith(
                        "(first choice; cheapest-per-pass tests/go/small: fixed tiers until 20 observations, 0 so far)");
    }

    @Test
    void belowTheEvidenceThresholdTheTiersDecideAndAboveItTheFigures() {
        stats.put(Cells.tests(DEEPSEEK, "javascript", 8, 0, 4, 0, 0.0004));
        stats.put(Cells.tests(HAIKU, "javascript", 2, 2, 0, 0, 0.005));
        RoutingPolicy policy = policy(NO_EXPLORATION);

        RouteDecision.Routed thin = routed(policy, job("javascript", "src/a.js"), ProviderView.ALL_HEALTHY);

        assertThat(thin.model()).hasToString(DEEPSEEK);
        assertThat(thin.reason()).contains("fixed tiers until 20 observations, 14 so far");

        // Six more failed first tries make 20 observations: now the figures decide
        stats.put(Cells.tests(DEEPSEEK, "javascript", 14, 0, 4, 0, 0.0004));

        assertThat(routed(policy, job("javascript", "src/a.js"), ProviderView.ALL_HEALTHY)
                        .model())
                .hasToString(HAIKU);
        assertThat(routed(
                                policy(NO_EXPLORATION.withMinEvidence(21)),
                                job("javascript", "src/a.js"),
                                ProviderView.ALL_HEALTHY)
                        .model())
                .hasToString(DEEPSEEK);
    }

    @Test
    void aFixedShareOfJobsExploresAnotherStartAndEachJobAlwaysTheSameOne() {
        deepSeekPoorAtJavaScript();
        RoutingPolicy policy = policy(LearningSettings.DEFAULT);
        int explored = 0;
        int jobs = 4_000;
        for (int i = 0; i < jobs; i++) {
            Job job = job("python", "src/m" + i + ".py");
            RouteDecision.Routed first = routed(policy, job, ProviderView.ALL_HEALTHY);
            assertThat(routed(policy, job, ProviderView.ALL_HEALTHY).model()).isEqualTo(first.model());
            if (first.model().toString().equals(HAIKU)) {
                explored++;
                assertThat(first.reason())
                        .contains(
                                "cheapest-per-pass tests/python/small: exploration (5 % of jobs, the model "
                                        + "with the fewest observations) instead of the best, deepseek/deepseek-chat; $0.0062/pass");
            }
        }
        assertThat(explored).isBetween(160, 240);
    }

    @Test
    void exploringJobsGoToTheModelWithTheThinnestFiguresNotToTheDearestAtRandom() {
        deepSeekPoorAtJavaScript();
        RoutingPolicy policy =
                policy(List.of(DEEPSEEK, HAIKU, MINI), LearningSettings.DEFAULT, Constraints.DEFAULT, null);
        int explored = 0;
        for (int i = 0; i < 2_000; i++) {
            RouteDecision.Routed routed = routed(policy, job("python", "src/x" + i + ".py"), ProviderView.ALL_HEALTHY);
            if (routed.reason().contains("exploration")) {
                explored++;
                // Haiku has 40 observations of Python; GPT-4o mini none yet.
                assertThat(routed.model()).hasToString(MINI);
            }
        }
        assertThat(explored).isBetween(60, 140);
    }

    @Test
    void aModelTheHardConstraintsRuleOutIsNeverTheStartWhateverItsFigures() {
        deepSeekPoorAtJavaScript();
        // Haiku's worst case for the job is about $0.018, DeepSeek's $0.002
        RoutingPolicy policy =
                policy(List.of(DEEPSEEK, HAIKU), NO_EXPLORATION, new Constraints(10, 512, Money.usd("0.005")), null);

        RouteDecision.Routed routed = routed(policy, job("javascript", "src/a.js"), ProviderView.ALL_HEALTHY);

        assertThat(routed.model()).hasToString(DEEPSEEK);
        assertThat(routed.reason())
                .contains("cheapest-per-pass tests/javascript/small: no model passes 0.50, so the one "
                        + "that passes most; $0.0039/pass (pass 0.28 < 0.50, n=160)")
                .contains("skipped anthropic/claude-3-5-haiku");
    }

    @Test
    void aBackedUpStartSpillsToALaterModelOfTheChainNeverAnEarlierOne() {
        deepSeekPoorAtJavaScript();
        stats.put(Cells.tests(MINI, "javascript", 40, 8, 10, 2, 0.002));
        HealthBoard health = new HealthBoard(InstantSource.fixed(Cells.T0), Duration.ofMinutes(5));
        health.report(new ProviderHealth("anthropic", ProviderHealth.Circuit.CLOSED, 60, 6_000, 2000, null, Cells.T0));
        health.report(new ProviderHealth("openai", ProviderHealth.Circuit.CLOSED, 600, 0, 2000, null, Cells.T0));
        health.report(new ProviderHealth("deepseek", ProviderHealth.Circuit.CLOSED, 600, 0, 2000, null, Cells.T0));
        RoutingPolicy policy = policy(
                List.of(DEEPSEEK, HAIKU, MINI),
                NO_EXPLORATION,
                Constraints.DEFAULT,
                new Spillover(Duration.ofMinutes(30), new BigDecimal("4")));

        RouteDecision.Routed routed = routed(policy, job("javascript", "src/a.js"), health);

        assertThat(routed.model()).hasToString(MINI);
        assertThat(routed.reason())
                .contains("spill-over: lane of anthropic/claude-3-5-haiku needs PT1H40M")
                .contains("cheapest-per-pass tests/javascript/small: $0.0062/pass");
    }

    @Test
    void aRetryContinuesTheChainFromTheChosenStart() {
        deepSeekPoorAtJavaScript();
        stats.put(Cells.tests(MINI, "javascript", 40, 8, 10, 2, 0.002));
        RoutingPolicy policy = policy(List.of(DEEPSEEK, HAIKU, MINI), NO_EXPLORATION, Constraints.DEFAULT, null);
        Job job = job("javascript", "src/a.js");
        RouteDecision.Routed start = routed(policy, job, ProviderView.ALL_HEALTHY);
        LaneRequest sent = new LaneRequest(job, start.model(), start.reason(), 1);

        RetryPlan plan = new RetryPlanner(policy, FailoverSettings.DEFAULT)
                .plan(
                        job,
                        Attempts.rejected(sent, Verdict.FAILED, "expected 2 but was 3"),
                        0,
                        2,
                        ProviderView.ALL_HEALTHY);

        assertThat(start.model()).hasToString(HAIKU);
        assertThat(((RetryPlan.Next) plan).routed().model()).hasToString(MINI);
    }

    @Test
    void underFixedTiersTheFiguresAreNotRead() {
        deepSeekPoorAtJavaScript();
        RouteRule rule = RouteRule.forTask(
                "tests-learning", TaskType.TESTS, List.of(ModelRef.parse(DEEPSEEK), ModelRef.parse(HAIKU)));
        RoutingPolicy fixed = new RouterConfig(
                        List.of(rule),
                        Constraints.DEFAULT,
                        null,
                        FailoverSettings.DEFAULT,
                        BudgetSettings.UNLIMITED,
                        OutputExpectation.DEFAULT,
                        null)
                .policy(CONFIG, stats);

        RouteDecision.Routed routed = routed(fixed, job("javascript", "src/a.js"), ProviderView.ALL_HEALTHY);

        assertThat(routed.model()).hasToString(DEEPSEEK);
        assertThat(routed.reason()).isEqualTo("rule tests-learning -> deepseek/deepseek-chat (first choice)");
        assertThat(Set.of(RoutingStrategy.values())).hasSize(2);
    }
}
