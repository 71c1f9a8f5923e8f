package dev.nightshift.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.codec.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** The end of a run: a summary for people, and the one-line JSON object for scripts ({@code --json}). */
public final class RunSummary {
    private RunSummary() {
    }

    public static ObjectNode json(String runId, JsonNode status, Path outDir, boolean simulated) {
        JsonNode jobs = status.path("jobs");
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("runId", runId);
        ObjectNode counts = root.putObject("jobs");
        for (String key : new String[] {"total", "succeeded", "failed", "deadLettered", "cancelled"}) {
            counts.put(key, jobs.path(key).asLong(0));
        }
        ObjectNode cost = root.putObject("cost");
        cost.put("usd", status.path("cost").path("usd").asText("0"));
        ObjectNode byModel = cost.putObject("byModel");
        for (Iterator<Map.Entry<String, JsonNode>> it = status.path("cost").path("byModel").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byModel.put(e.getKey(), e.getValue().asText());
        }
        root.put("outDir", outDir.toString());
        root.put("simulated", simulated);
        return root;
    }

    public static void print(PrintStream out, ObjectNode summary, int artifacts, long cachedJobs) {
        JsonNode jobs = summary.path("jobs");
        out.printf("run %s %s: %d jobs — %d succeeded, %d failed, %d dead-lettered, %d cancelled%n",
                summary.path("runId").asText(), summary.path("simulated").asBoolean() ? "(dry run)" : "",
                jobs.path("total").asLong(), jobs.path("succeeded").asLong(), jobs.path("failed").asLong(),
                jobs.path("deadLettered").asLong(), jobs.path("cancelled").asLong());
        String verb = summary.path("simulated").asBoolean() ? "would have cost" : "cost";
        out.printf("  %s $%s%n", verb, summary.path("cost").path("usd").asText());
        summary.path("cost").path("byModel").fields()
                .forEachRemaining(e -> out.printf("    %-36s $%s%n", e.getKey(), e.getValue().asText()));
        if (cachedJobs > 0) {
            out.printf("  %d jobs served from cache%n", cachedJobs);
        }
        out.printf("  %d artifacts in %s%n", artifacts, summary.path("outDir").asText());
    }
}
