package dev.nightshift.router.engine;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.budget.BudgetLedger;
import dev.nightshift.router.budget.BudgetSettings;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.config.RouterConfigLoader;
import dev.nightshift.router.failover.RetryPlanner;
import dev.nightshift.router.health.HealthBoard;
import dev.nightshift.router.policy.RoutingPolicy;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Not a test: a quick measure of the engine's decisions per second (run with java -cp). */
final class RoutingThroughputCheck {
    public static void main(String[] args) {
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());
        RouterConfig rc = RouterConfigLoader.loadDefault(config);
        RoutingPolicy policy = rc.policy(config);
        String content = "class A { int f(int x) { if (x > 0 && x < 9) { return x; } for (int i = 0; i < x; i++) {} return 0; } }\n".repeat(60);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            jobs.add(Jobs.job("r", "F" + i + ".java", TaskType.TESTS, "java", content, 1_500, 4096));
        }
        for (int round = 0; round < 3; round++) {
            RouterEngine engine = new RouterEngine(config, policy, new RetryPlanner(policy, rc.failover()),
                    new HealthBoard(InstantSource.system(), Duration.ofMinutes(5)),
                    new BudgetLedger(new BudgetSettings(null, dev.nightshift.core.money.Money.usd("1000"), null, Map.of())),
                    rc.expectedOutput(), new MapJobLookup(), InstantSource.system());
            long t0 = System.nanoTime();
            for (Job j : jobs) {
                engine.onJob(j);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("round " + round + ": 20000 jobs in " + ms + " ms = " + (20_000_000L / Math.max(1, ms)) + " jobs/s");
        }
    }
}
