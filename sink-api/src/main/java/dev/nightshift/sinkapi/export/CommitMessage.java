package dev.nightshift.sinkapi.export;

import dev.nightshift.core.money.Money;
import dev.nightshift.sinkapi.query.RunStatus;
import java.util.Map;

/** The message of an exported commit: what was made, by which models, for how much, from which run. */
final class CommitMessage {
    private CommitMessage() {}

    static String of(RunStatus run, int files) {
        StringBuilder b = new StringBuilder();
        b.append("nightshift: ")
                .append(run.task() == null ? "artifacts" : run.task().id())
                .append(" for ")
                .append(files)
                .append(files == 1 ? " file" : " files");
        if (run.simulated()) {
            b.append(" (dry run, simulated)");
        }
        b.append("\n\nRun: ").append(run.runId()).append('\n');
        b.append("Commit: ").append(run.commit()).append('\n');
        b.append("Cost: ")
                .append(run.cost().usd().display())
                .append(" (")
                .append(run.cost().usd().toPlainString())
                .append(" USD)\n");
        b.append("Models:\n");
        for (Map.Entry<String, Money> m : run.cost().byModel().entrySet()) {
            b.append("  - ")
                    .append(m.getKey())
                    .append(": ")
                    .append(m.getValue().display())
                    .append('\n');
        }
        if (run.servedFromCache() > 0) {
            b.append("Served from cache: ").append(run.servedFromCache()).append(" jobs\n");
        }
        return b.toString();
    }
}
