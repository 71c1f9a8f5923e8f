package dev.nightshift.ingest.plan.docs;

import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.plan.JobFactory;
import dev.nightshift.ingest.plan.JobSpool;
import dev.nightshift.ingest.plan.PlanReport;
import dev.nightshift.ingest.plan.PreparedFile;
import dev.nightshift.ingest.plan.TaskPlanner;
import dev.nightshift.ingest.unit.FileUnits;
import dev.nightshift.ingest.unit.UnitSplitters;
import java.nio.file.Path;

/**
 * Plans documentation: a job per file (a large file split at unit boundaries into
 * {@code path#L<start>-<end>} jobs), a job per folder of two or more source files summarising their units
 * ({@code <folder>/README}; Java files there are cut structurally, since JavaParser on every file would
 * cost more than the rest of ingest together), and one repository-level job carrying every kept file ({@code ARCHITECTURE})
 * when it fits the largest configured context window — otherwise parts ({@code ARCHITECTURE.part-N}) and a
 * note saying why and how it was split.
 */
public final class DocsPlanner implements TaskPlanner {
    public static final String REPOSITORY_UNIT = "ARCHITECTURE";
    public static final String FOLDER_UNIT = "README";

    private final JobFactory factory;
    private final long fileJobTokens;
    private final long repositoryJobTokens;
    private final RepositoryDigest digest;
    private final FolderSummaries folders;
    private JobSpool spool;

    /**
     * @param fileJobTokens       a file above this many tokens is split by units
     * @param repositoryJobTokens the most the repository-level job may carry (the largest context window
     *                            less the output budget and the prompt's own share)
     */
    public DocsPlanner(JobFactory factory, long fileJobTokens, long repositoryJobTokens, Path spoolDir) {
        this.factory = factory;
        this.fileJobTokens = fileJobTokens;
        this.repositoryJobTokens = repositoryJobTokens;
        this.digest = new RepositoryDigest(spoolDir);
        this.folders = new FolderSummaries(this::emitFolder);
    }

    @Override
    public PreparedFile prepare(SourceFile file) {
        long tokens = TokenCounter.count(file.text());
        return new PreparedFile(file, tokens,
                tokens <= fileJobTokens ? UnitSplitters.splitStructurally(file) : UnitSplitters.split(file));
    }

    @Override
    public void file(PreparedFile prepared, JobSpool jobs, PlanReport report) {
        this.spool = jobs;
        SourceFile file = prepared.file();
        long tokens = prepared.tokens();
        FileUnits units = prepared.units();
        if (tokens <= fileJobTokens) {
            jobs.add(factory.job(file.path(), file.language(), file.text(), tokens));
        } else {
            for (FileChunks.Chunk chunk : FileChunks.split(file.text(), units, fileJobTokens)) {
                jobs.add(factory.job(file.path() + "#L" + chunk.startLine() + "-" + chunk.endLine(), file.language(), chunk.text()));
            }
        }
        folders.add(units, (int) file.text().lines().count());
        String segment = RepositoryDigest.segment(file.path(), file.text());
        // The header costs a handful of tokens; counted exactly, it would mean tokenising every file twice.
        digest.add(segment, tokens + TokenCounter.count("==> " + file.path() + " <==\n") + 1);
    }

    @Override
    public void finish(JobSpool jobs, PlanReport report) {
        this.spool = jobs;
        folders.finish();
        try (digest) {
            if (digest.files() == 0) {
                return;
            }
            long total = digest.tokens();
            int parts = digest.partCount(repositoryJobTokens);
            if (parts <= 1) {
                // Its tokens are the sum of its files' counts: counting 4 MB again would double ingest's main cost.
                digest.parts(repositoryJobTokens, (index, text, tokens, hash) ->
                        jobs.add(factory.job(REPOSITORY_UNIT, "text", text, tokens, hash)));
            } else {
                report.note(REPOSITORY_UNIT, "split:" + total + " tokens exceed the largest context window's "
                        + repositoryJobTokens + "; " + parts + " parts in path order");
                digest.parts(repositoryJobTokens, (index, text, tokens, hash) ->
                        jobs.add(factory.job(REPOSITORY_UNIT + ".part-" + index, "text", text, tokens, hash)));
            }
        }
    }

    private void emitFolder(String folder, String summary) {
        spool.add(factory.job(folder.isEmpty() ? FOLDER_UNIT : folder + "/" + FOLDER_UNIT, "text", summary));
    }
}
