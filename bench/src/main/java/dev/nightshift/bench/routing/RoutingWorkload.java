package dev.nightshift.bench.routing;

import dev.nightshift.bench.harness.SyntheticJava;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of test jobs over four languages, as ingest would publish them: small units of Java (JUnit 5), Python
 * (pytest), JavaScript (Jest) and Go (go test), in turn, each with the test target the repository's runner
 * collects. The same units for every pass; each pass has its own run, commit and tenant, so nothing is served
 * from another pass's cache.
 */
record RoutingWorkload(RunPlanned plan, List<Job> jobs) {
    private static final String REPOSITORY = "/bench/routing-repository";
    static final List<String> LANGUAGES = List.of("java", "python", "javascript", "go");

    static RoutingWorkload of(String runId, String tenant, int n) {
        String commit = JobIds.sha256Hex(runId).substring(0, 40);
        List<Job> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Unit unit = unit(i);
            String hash = JobIds.contentHash(unit.content());
            jobs.add(new Job(
                    JobIds.jobId(REPOSITORY, commit, TaskType.TESTS, unit.path(), hash, "v1"),
                    runId,
                    tenant,
                    REPOSITORY,
                    commit,
                    TaskType.TESTS,
                    unit.path(),
                    unit.language(),
                    hash,
                    "v1",
                    unit.content(),
                    220,
                    1024,
                    true,
                    unit.target()));
        }
        RunPlanned plan = new RunPlanned(
                runId,
                tenant,
                REPOSITORY,
                commit,
                TaskType.TESTS,
                jobs.stream().map(Job::jobId).toList(),
                220L * n,
                List.of(),
                true,
                Instant.now(),
                null);
        return new RoutingWorkload(plan, jobs);
    }

    private static Unit unit(int i) {
        return switch (LANGUAGES.get(i % LANGUAGES.size())) {
            case "java" -> {
                String path = "src/main/java/com/acme/billing/Invoice" + i + ".java";
                yield new Unit(
                        "java",
                        path,
                        SyntheticJava.invoiceClass(i),
                        TestTarget.single(
                                "src/test/java/com/acme/billing/Invoice" + i + "Test.java",
                                "Invoice" + i + "Test",
                                TestFramework.JUNIT5,
                                path,
                                "package com.acme.billing;",
                                List.of()));
            }
            case "python" -> {
                String path = "src/shop/cart" + i + ".py";
                yield new Unit(
                        "python",
                        path,
                        """
                        def total(prices, discount=0):
                            if discount < 0 or discount > 100:
                                raise ValueError("discount out of range")
                            subtotal = sum(prices)
                            return round(subtotal * (100 - discount) / 100, 2)


                        def cheapest(prices):
                            return min(prices) if prices else None  # cart %d
                        """.formatted(i),
                        TestTarget.single(
                                "tests/test_cart" + i + ".py",
                                "test_cart" + i,
                                TestFramework.PYTEST,
                                path,
                                "from shop.cart" + i + " import total, cheapest",
                                List.of()));
            }
            case "javascript" -> {
                String path = "src/format" + i + ".js";
                yield new Unit(
                        "javascript",
                        path,
                        """
                        export function money(cents, currency = "EUR") {
                          if (!Number.isInteger(cents)) throw new TypeError("cents must be an integer");
                          const sign = cents < 0 ? "-" : "";
                          return `${sign}${Math.abs(cents / 100).toFixed(2)} ${currency}`;
                        }

                        export function initials(name) { return name.split(" ").map(p => p[0]).join(""); } // %d
                        """.formatted(i),
                        TestTarget.single(
                                "src/format" + i + ".test.js",
                                "format" + i,
                                TestFramework.JEST,
                                path,
                                "import { money, initials } from './format" + i + ".js';",
                                List.of()));
            }
            default -> {
                String path = "stock/level" + i + ".go";
                yield new Unit(
                        "go",
                        path,
                        """
                        package stock

                        // Level%d says whether to reorder an item.
                        func Level%d(onHand, reserved, minimum int) (int, bool) {
                        	free := onHand - reserved
                        	if free < 0 {
                        		free = 0
                        	}
                        	return free, free < minimum
                        }
                        """.formatted(i, i),
                        TestTarget.single(
                                "stock/level" + i + "_test.go",
                                "TestLevel" + i,
                                TestFramework.GO_TEST,
                                path,
                                "package stock",
                                List.of()));
            }
        };
    }

    private record Unit(String language, String path, String content, TestTarget target) {}
}
