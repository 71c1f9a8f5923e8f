package dev.nightshift.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.codec.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The end of a run: a summary for people, and the one-line JSON object for scripts ({@code --json}). Its figures
 * are the sink's run status: for a test run also {@code tests} (what the validator made of the candidates, repairs,
 * escalations, coverage before and after) and {@code cost.perPassingTest} (the run's ledger dollars per passed
 * test, an exact decimal string; absent when no test passed); for a docs run {@code docs} (documents per level, how
 * many the review found complete, unknown names left, replies cut and continued, documents repaired).
 */
public final class RunSummary {
    private static final String[] TEST_COUNTS = {
        "candidates",
        "passed",
        "noGain",
        "buildFailed",
        "failed",
        "flaky",
        "timeout",
        "sandboxViolation",
        "infrastructure",
        "repaired",
        "escalated"
    };
    private static final String[] DOCS_COUNTS = {
        "files",
        "folders",
        "architecture",
        "complete",
        "incomplete",
        "unknownNames",
        "truncated",
        "continued",
        "repaired"
    };
    private static final String[] COVERAGE = {
        "linesTotal", "linesBefore", "linesAfter", "branchesTotal", "branchesBefore", "branchesAfter"
    };

    private RunSummary() {}

    public static ObjectNode json(String runId, JsonNode status, Path outDir, boolean simulated) {
        JsonNode jobs = status.path("jobs");
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("runId", runId);
        ObjectNode counts = root.putObject("jobs");
        for (String key : new String[] {"total", "succeeded", "failed", "deadLettered", "cancelled"}) {
            counts.put(key, jobs.path(key).asLong(0));
        }
        // The sink counts them at the top of its status; here they sit with the other job counts.
        counts.put("cached", status.path("servedFromCache").asLong(0));
        JsonNode tests = status.path("tests");
        if (tests.isObject()) {
            ObjectNode t = root.putObject("tests");
            for (String key : TEST_COUNTS) {
                t.put(key, tests.path(key).asLong(0));
            }
            ObjectNode coverage = t.putObject("coverage");
            for (String key : COVERAGE) {
                coverage.put(key, tests.path("coverage").path(key).asLong(0));
            }
        }
        JsonNode docs = status.path("docs");
        if (docs.isObject()) {
            ObjectNode d = root.putObject("docs");
            for (String key : DOCS_COUNTS) {
                d.put(key, docs.path(key).asLong(0));
            }
        }
        ObjectNode cost = root.putObject("cost");
        cost.put("usd", status.path("cost").path("usd").asText("0"));
        ObjectNode byModel = cost.putObject("byModel");
        for (Map.Entry<String, JsonNode> e : status.path("cost").path("byModel").properties()) {
            byModel.put(e.getKey(), e.getValue().asText());
        }
        JsonNode unknown = status.path("cost").path("outcomeUnknown");
        if (unknown.isObject()) {
            cost.putObject("outcomeUnknown")
                    .put("calls", unknown.path("calls").asLong())
                    .put("atMostUsd", unknown.path("atMostUsd").asText("0"));
        }
        JsonNode perPassingTest = status.path("cost").path("perPassingTest");
        if (tests.isObject()) {
            if (perPassingTest.isTextual()) {
                cost.put("perPassingTest", perPassingTest.asText());
            } else {
                cost.putNull("perPassingTest");
            }
        }
        if (outDir != null) {
            root.put("outDir", outDir.toString());
        }
        root.put("simulated", simulated);
        return root;
    }

    /**
     * Calls no attempt booked: given up at their deadline, or under way when a process stopped. They are not in the
     * cost; the provider may have billed them, at most the amount given.
     */
    public static String outcomeUnknown(long calls, String atMostUsd) {
        return calls + (calls == 1 ? " call" : " calls")
                + " of unknown outcome (given up at the deadline or cut off by a stop):"
                + " the provider may have billed up to $" + atMostUsd + " more";
    }

    /** The same calls while the run goes on: most are simply waiting for their answer. */
    public static String underWay(long calls, String atMostUsd) {
        return calls + (calls == 1 ? " call" : " calls") + " under way or cut off, not booked yet: up to $" + atMostUsd
                + " more";
    }

    public static void print(PrintStream out, ObjectNode summary, int artifacts) {
        JsonNode jobs = summary.path("jobs");
        out.printf(
                "run %s %s: %d jobs — %d succeeded, %d failed, %d dead-lettered, %d cancelled%n",
                summary.path("runId").asText(),
                summary.path("simulated").asBoolean() ? "(dry run)" : "",
                jobs.path("total").asLong(),
                jobs.path("succeeded").asLong(),
                jobs.path("failed").asLong(),
                jobs.path("deadLettered").asLong(),
                jobs.path("cancelled").asLong());
        String verb = summary.path("simulated").asBoolean() ? "would have cost" : "cost";
        out.printf("  %s $%s%n", verb, summary.path("cost").path("usd").asText());
        summary.path("cost")
                .path("byModel")
                .properties()
                .forEach(e ->
                        out.printf("    %-36s $%s%n", e.getKey(), e.getValue().asText()));
        JsonNode unknown = summary.path("cost").path("outcomeUnknown");
        if (unknown.isObject()) {
            out.println("  "
                    + outcomeUnknown(
                            unknown.path("calls").asLong(),
                            unknown.path("atMostUsd").asText()));
        }
        JsonNode tests = summary.path("tests");
        if (tests.isObject()) {
            out.printf(
                    "  tests: %d passed of %d candidates (%d no gain, %d build failed, %d failed, %d flaky, %d timed out);"
                            + " %d repaired, %d escalated%n",
                    tests.path("passed").asLong(),
                    tests.path("candidates").asLong(),
                    tests.path("noGain").asLong(),
                    tests.path("buildFailed").asLong(),
                    tests.path("failed").asLong(),
                    tests.path("flaky").asLong(),
                    tests.path("timeout").asLong(),
                    tests.path("repaired").asLong(),
                    tests.path("escalated").asLong());
            JsonNode perPassingTest = summary.path("cost").path("perPassingTest");
            if (perPassingTest.isTextual()) {
                out.printf("  $%s per passing test%n", perPassingTest.asText());
            }
            JsonNode c = tests.path("coverage");
            if (c.path("linesTotal").asLong() > 0) {
                out.printf(
                        "  lines covered: %d → %d of %d; branches: %d → %d of %d%n",
                        c.path("linesBefore").asLong(),
                        c.path("linesAfter").asLong(),
                        c.path("linesTotal").asLong(),
                        c.path("branchesBefore").asLong(),
                        c.path("branchesAfter").asLong(),
                        c.path("branchesTotal").asLong());
            }
        }
        JsonNode docs = summary.path("docs");
        if (docs.isObject()) {
            out.printf(
                    "  documents: %d files, %d folders, %d architecture; %d complete, %d incomplete, %d unknown names;"
                            + " %d replies continued, %d cut and escalated, %d repaired after review%n",
                    docs.path("files").asLong(),
                    docs.path("folders").asLong(),
                    docs.path("architecture").asLong(),
                    docs.path("complete").asLong(),
                    docs.path("incomplete").asLong(),
                    docs.path("unknownNames").asLong(),
                    docs.path("continued").asLong(),
                    docs.path("truncated").asLong(),
                    docs.path("repaired").asLong());
        }
        long cachedJobs = jobs.path("cached").asLong(0);
        if (cachedJobs > 0) {
            out.printf("  %d jobs served from cache%n", cachedJobs);
        }
        out.printf("  %d artifacts in %s%n", artifacts, summary.path("outDir").asText());
    }
}
