package dev.nightshift.app.query;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.sink.cost.CostQueries;
import dev.nightshift.sink.eval.EvaluationQueries;
import dev.nightshift.sink.export.StoreArtifactSource;
import dev.nightshift.sink.query.NotFoundException;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.report.Reports;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreException;
import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.cost.CostReport;
import dev.nightshift.sinkapi.export.ArtifactSource;
import dev.nightshift.sinkapi.ledger.LedgerFormat;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.JobRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The all-in-one store read in this process. When nothing else has it open, the store is opened (taking
 * RocksDB's lock), read, and closed when the command ends. While a {@code nightshift run} or a sink holds it,
 * it is read through a RocksDB secondary instance instead, which takes no lock: the answer is what the writer
 * had made durable when the command started (whole batches only).
 */
final class LocalSinkReader implements SinkReader {
    private static final int LEDGER_PAGE = 2_000;
    private static final int RUNS = 200;
    private final SinkStore store;
    private final SinkQueries queries;
    private final Reports reports;

    private LocalSinkReader(SinkStore store) {
        this.store = store;
        this.queries = new SinkQueries(store, InstantSource.system());
        this.reports = new Reports(queries, new EvaluationQueries(store));
    }

    /**
     * RocksDB writes CURRENT when it creates a database: without it nothing has run with this home yet, and
     * opening would only create an empty store.
     */
    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve("CURRENT"));
    }

    static LocalSinkReader open(Path dir) {
        if (!exists(dir)) {
            throw UserError.badInput("no sink store in " + dir + " yet: nothing has run with this NIGHTSHIFT_HOME;"
                    + " run 'nightshift run' first, or pass --sink URL of a running sink");
        }
        try {
            return new LocalSinkReader(SinkStore.open(dir));
        } catch (StoreException e) {
            if (isLocked(e)) {
                return alongsideTheWriter(dir);
            }
            throw UserError.failed("cannot open the sink store in " + dir + ": " + firstLine(e.getMessage()));
        }
    }

    private static LocalSinkReader alongsideTheWriter(Path dir) {
        try {
            return new LocalSinkReader(SinkStore.openSecondary(dir));
        } catch (StoreException e) {
            throw UserError.failed("cannot read the sink store in " + dir + " while a running nightshift writes it: "
                    + firstLine(e.getMessage()) + "; ask it over HTTP with --sink URL");
        }
    }

    /** RocksDB's own words when another process ("lock file") or this one ("lock hold") has the store open. */
    private static boolean isLocked(StoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("lock file") || m.contains("lock hold") || m.contains("no locks available")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public RunStatus status(String runId) {
        return known(runId, () -> queries.status(runId, null));
    }

    @Override
    public List<RunStatus> runs() {
        return queries.runs(null, RUNS);
    }

    @Override
    public List<JobRecord> jobs(String runId) {
        return known(runId, () -> {
            queries.visibleRun(runId, null);
            return queries.jobs(runId);
        });
    }

    @Override
    public CostReport cost(CostQuery query) {
        return known(query.run(), () -> new CostQueries(queries).answer(query, null));
    }

    @Override
    public void ledger(String runId, LedgerFormat format, OutputStream out) {
        known(runId, () -> queries.visibleRun(runId, null));
        // Page by page, like the API, so a ledger of millions of attempts never sits in memory.
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(format.header());
            byte[] from = null;
            do {
                SinkQueries.LedgerPage page = queries.ledgerPage(runId, from, LEDGER_PAGE);
                for (var entry : page.entries()) {
                    w.write(format.line(entry));
                }
                from = page.next();
            } while (from != null);
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger of run " + runId, e);
        }
    }

    /** The store's artifacts, where a run missing from the store is bad input naming it, as for every command. */
    @Override
    public ArtifactSource artifacts(String runId) {
        known(runId, () -> queries.visibleRun(runId, null));
        ArtifactSource store = new StoreArtifactSource(queries, runId, null);
        return new ArtifactSource() {
            @Override
            public RunStatus run() {
                return known(runId, store::run);
            }

            @Override
            public List<ArtifactRecord> artifacts() {
                return known(runId, store::artifacts);
            }

            @Override
            public String text(String jobId) {
                return known(runId, () -> store.text(jobId));
            }

            @Override
            public List<ArtifactRecord> rejected() {
                return known(runId, store::rejected);
            }

            @Override
            public String rejectedText(String jobId, int attempt) {
                return known(runId, () -> store.rejectedText(jobId, attempt));
            }
        };
    }

    @Override
    public String runReport(String runId) {
        return known(runId, () -> reports.run(runId, null));
    }

    @Override
    public String evaluationReport(String evaluationId) {
        try {
            return reports.evaluation(evaluationId, null);
        } catch (NotFoundException e) {
            throw UserError.badInput(
                    "no evaluation '" + evaluationId + "' in " + where() + "; pass --sink URL to ask a running sink");
        }
    }

    /** The local store has no server: the report is a file ({@code nightshift report RUN}). */
    @Override
    public Optional<String> reportUrl(String runId) {
        return Optional.empty();
    }

    @Override
    public String where() {
        return "the local store in " + store.dir()
                + (store.readOnly() ? " (read while a running nightshift writes it)" : "");
    }

    @Override
    public String listRunsHint() {
        return "nightshift status";
    }

    @Override
    public void close() {
        store.close();
    }

    private <T> T known(String runId, Supplier<T> read) {
        try {
            return read.get();
        } catch (NotFoundException e) {
            throw UserError.badInput("no run '" + runId + "' in " + where() + "; list the runs with '" + listRunsHint()
                    + "', or pass --sink URL to ask a running sink");
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
