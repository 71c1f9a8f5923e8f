package dev.nightshift.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.run.SinkClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import dev.nightshift.app.Nightshift;
import java.io.PrintStream;

/** {@code nightshift status [RUN]}: a run's progress and cost, or the list of runs, from the sink's API. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show runs, or one run's progress and cost.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN")
    String runId;

    @Option(names = "--sink", paramLabel = "URL", defaultValue = "${env:NIGHTSHIFT_SINK_URL:-http://127.0.0.1:8480}",
            description = "The sink's API (default: ${DEFAULT-VALUE}).")
    String sinkUrl;

    @Option(names = "--json", description = "Print the sink's JSON as is.")
    boolean json;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() {
        PrintStream out = parent.terminal().out();
        SinkClient sink = new SinkClient(sinkUrl, parent.terminal().env("NIGHTSHIFT_API_TOKEN"));
        if (runId == null) {
            JsonNode runs = sink.runs();
            if (json) {
                out.println(runs);
            } else {
                runs.forEach(r -> out.printf("%s  %-9s %s%n", r.path("runId").asText(), r.path("state").asText(),
                        r.path("repository").asText()));
            }
            return 0;
        }
        JsonNode run = sink.run(runId).orElseThrow(() -> UserError.badInput("the sink knows no run '" + runId + "'; list runs with 'nightshift status'"));
        if (json) {
            out.println(run);
        } else {
            JsonNode jobs = run.path("jobs");
            out.printf("run %s: %s, %d/%d jobs done (%d succeeded, %d failed, %d dead-lettered, %d cancelled), $%s%n",
                    runId, run.path("state").asText(), jobs.path("total").asLong() - jobs.path("pending").asLong(),
                    jobs.path("total").asLong(), jobs.path("succeeded").asLong(), jobs.path("failed").asLong(),
                    jobs.path("deadLettered").asLong(), jobs.path("cancelled").asLong(), run.path("cost").path("usd").asText());
        }
        return 0;
    }
}
