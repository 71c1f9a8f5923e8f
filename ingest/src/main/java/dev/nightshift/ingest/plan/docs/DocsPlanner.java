package dev.nightshift.ingest.plan.docs;

import dev.nightshift.core.config.DocsConfig;
import dev.nightshift.core.docs.DocChild;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.docs.Fences;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.plan.JobFactory;
import dev.nightshift.ingest.plan.JobSpool;
import dev.nightshift.ingest.plan.PlanReport;
import dev.nightshift.ingest.plan.PreparedFile;
import dev.nightshift.ingest.plan.TaskPlanner;
import dev.nightshift.ingest.plan.tests.RepositoryIndex;
import dev.nightshift.ingest.plan.tests.TestFiles;
import dev.nightshift.ingest.unit.FileUnits;
import dev.nightshift.ingest.unit.UnitSplitters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans documentation bottom-up: a document per file (a file over the per-job limit split at member boundaries into
 * parts that share the file's document), a summary per folder built from its children's documents, and one
 * architecture document ({@code ARCHITECTURE.md}) built from the top folders' summaries and the build files — so it
 * exists for a repository of any size. When the whole source also fits the largest context window, it is added to
 * the architecture job for reference.
 *
 * <p>Folder and architecture jobs are planned awaiting their children (see {@link DocsTarget}); the sink composes
 * their input once the children's documents exist. Test files get no document of their own unless configured; their
 * folder's summary names them. A folder with a hand-written summary file gets its summary under another name.
 */
public final class DocsPlanner implements TaskPlanner {
    public static final String REPOSITORY_UNIT = "ARCHITECTURE";
    /** Most characters of one build file given to the architecture document. */
    static final int BUILD_FILE_CHARS = 8_000;

    private final JobFactory factory;
    private final DocsConfig config;
    private final int fileOutputMost;
    private final boolean architecture;
    private final long repositoryJobTokens;
    private final RepositoryDigest digest;
    private final DocsHierarchy hierarchy;
    private final Map<String, String> buildFiles = new TreeMap<>();
    private JobSpool spool;
    private PlanReport report;

    /**
     * @param repositoryJobTokens the most the architecture job may carry (the largest context window less the output
     *                            budget and the prompt's own share)
     */
    public DocsPlanner(JobFactory factory, DocsConfig config, long repositoryJobTokens, Path spoolDir) {
        this(factory, config, repositoryJobTokens, spoolDir, true);
    }

    /**
     * @param architecture whether to plan the architecture document: not for a sub-tree ({@code --path}), whose top
     *                     is its own summary — an {@code ARCHITECTURE.md} of part of a repository would mislead
     */
    public DocsPlanner(
            JobFactory factory, DocsConfig config, long repositoryJobTokens, Path spoolDir, boolean architecture) {
        this.architecture = architecture;
        this.factory = factory;
        this.config = config;
        this.fileOutputMost = factory.maxOutputTokens();
        this.repositoryJobTokens = repositoryJobTokens;
        this.digest = new RepositoryDigest(spoolDir);
        this.hierarchy = new DocsHierarchy(this::emitFolder);
    }

    @Override
    public PreparedFile prepare(SourceFile file) {
        long tokens = TokenCounter.count(file.text());
        // Java parsed whole only where it is needed (members to split at): JavaParser on every file would cost more
        // than the rest of ingest together.
        return new PreparedFile(
                file,
                tokens,
                tokens <= config.fileJobTokens() ? UnitSplitters.splitStructurally(file) : UnitSplitters.split(file));
    }

    @Override
    public void visited(String path) {
        DocsHierarchy.Folder folder = hierarchy.folderOf(path);
        if (name(path).equals(config.folderDocName())) {
            folder.handWrittenDoc = true;
        }
    }

    @Override
    public boolean wantsText(String path) {
        return RepositoryIndex.isBuildFile(path)
                && path.chars().filter(c -> c == '/').count() <= 1;
    }

    @Override
    public void text(String path, String text) {
        buildFiles.put(
                path, text.length() <= BUILD_FILE_CHARS ? text : text.substring(0, BUILD_FILE_CHARS) + "\n… (cut)\n");
    }

    @Override
    public void file(PreparedFile prepared, JobSpool jobs, PlanReport report) {
        this.spool = jobs;
        this.report = report;
        SourceFile file = prepared.file();
        DocsHierarchy.Folder folder = hierarchy.folderOf(file.path());
        if (!config.includeTestFiles() && TestFiles.isTest(file.path())) {
            folder.testFiles.add(name(file.path()));
            report.note(
                    file.path(),
                    "docs:test file, named in its folder's summary (docs.testFiles: include documents it)");
            return;
        }
        long tokens = prepared.tokens();
        FileUnits units = prepared.units();
        String docPath = file.path() + ".md";
        if (tokens <= config.fileJobTokens()) {
            int budget = config.fileOutputTokens(tokens, fileOutputMost);
            DocsTarget target = DocsTarget.file(docPath, PublicSymbols.of(units.units(), file.language()));
            add(
                    folder,
                    factory.docsJob(
                            file.path(),
                            file.language(),
                            file.text(),
                            tokens,
                            JobIds.contentHash(file.text()),
                            target,
                            budget));
        } else {
            List<FileParts.Part> parts = FileParts.split(file.text(), units, config.fileJobTokens());
            String outline = Outline.of(units);
            for (int i = 0; i < parts.size(); i++) {
                FileParts.Part part = parts.get(i);
                long partTokens = TokenCounter.count(part.text());
                List<String> symbols = partSymbols(part, file.language(), i == 0);
                DocsTarget target = DocsTarget.part(docPath, symbols, i + 1, parts.size(), outline);
                add(
                        folder,
                        factory.docsJob(
                                file.path() + "#L" + part.startLine() + "-" + part.endLine(),
                                file.language(),
                                part.text(),
                                partTokens,
                                JobIds.contentHash(part.text()),
                                target,
                                config.fileOutputTokens(partTokens, fileOutputMost)));
            }
            report.note(
                    file.path(),
                    "split:" + tokens + " tokens exceed docs.fileJobTokens " + config.fileJobTokens() + "; "
                            + parts.size() + " parts at member boundaries, merged into one document");
        }
        String segment = RepositoryDigest.segment(file.path(), file.text());
        // The header costs a handful of tokens; counted exactly, it would mean tokenising every file twice.
        digest.add(segment, tokens + TokenCounter.count("==> " + file.path() + " <==\n") + 1);
    }

    /** A part covers its own units; inside a type cut at members, its members (and the type itself in the first part). */
    private static List<String> partSymbols(FileParts.Part part, String language, boolean first) {
        if (part.enclosingType() == null) {
            return PublicSymbols.of(part.units(), language);
        }
        return PublicSymbols.members(part.enclosingType(), part.units(), language, first);
    }

    private void add(DocsHierarchy.Folder folder, Job job) {
        spool.add(job);
        folder.children.add(new DocChild(job.jobId(), job.unitPath(), DocLevel.FILE));
        folder.expectedTokens += job.maxOutputTokens() / 2;
    }

    /** A finished folder of two or more children: its summary's job, awaiting them. */
    private DocChild emitFolder(DocsHierarchy.Folder folder, List<DocChild> children) {
        String docName = folder.handWrittenDoc ? config.conflictDocName() : config.folderDocName();
        if (folder.handWrittenDoc && report != null) {
            report.note(
                    folder.path + "/" + config.folderDocName(),
                    "conflict:hand-written; the folder's summary is written as " + folder.path + "/"
                            + config.conflictDocName());
        }
        String unitPath = folder.path + "/" + docName.substring(0, docName.length() - ".md".length());
        String planned = folder.testFiles.isEmpty()
                ? ""
                : "Test files here (not documented one by one): " + String.join(", ", folder.testFiles) + "\n";
        int budget = config.folderOutputTokens(folder.distinctChildren());
        Job job = factory.docsJob(
                unitPath,
                "text",
                planned,
                TokenCounter.count(planned) + folder.expectedTokens,
                JobIds.contentHash(planned),
                DocsTarget.composite(DocLevel.FOLDER, unitPath + ".md", children),
                budget);
        spool.add(job);
        folder.expectedTokens = 0;
        return new DocChild(job.jobId(), unitPath, DocLevel.FOLDER);
    }

    @Override
    public void finish(JobSpool jobs, PlanReport report) {
        this.spool = jobs;
        this.report = report;
        hierarchy.finish();
        List<DocChild> top = hierarchy.architectureInputs();
        try (digest) {
            if (top.isEmpty() || !architecture) {
                return;
            }
            StringBuilder build = new StringBuilder();
            if (!buildFiles.isEmpty()) {
                StringBuilder files = new StringBuilder();
                buildFiles.forEach((path, text) -> files.append("==> ")
                        .append(path)
                        .append(" <==\n")
                        .append(text)
                        .append(text.endsWith("\n") ? "" : "\n")
                        .append('\n'));
                build.append("Build files:\n").append(Fences.fenced("text", files.toString()));
            }
            // The architecture document is paid for again only when a top summary or a build file changed: its cache
            // key leaves the whole source out, which is context, not what the document is built from.
            String identity = JobIds.contentHash(build.toString());
            // A split file's parts are one section of the input (their documents merge under the file).
            long summaries =
                    top.stream().filter(c -> c.level() == DocLevel.FOLDER).count() * DocsHierarchy.SUMMARY_TOKENS
                            + top.stream()
                                            .filter(c -> c.level() == DocLevel.FILE)
                                            .map(c -> DocsHierarchy.fileOf(c.unitPath()))
                                            .distinct()
                                            .count()
                                    * (config.fileOutputMin() / 2);
            String planned = build.toString();
            long room = repositoryJobTokens - summaries - TokenCounter.count(planned);
            if (digest.files() > 0 && digest.tokens() <= room) {
                StringBuilder withSource = new StringBuilder(planned);
                digest.parts(room, (index, text, tokens, hash) -> withSource
                        .append("\nWhole source (for reference):\n")
                        .append(Fences.fenced("text", text)));
                planned = withSource.toString();
            } else if (digest.files() > 0) {
                report.note(
                        REPOSITORY_UNIT,
                        "summaries-only:" + digest.tokens() + " tokens of source exceed the largest context"
                                + " window's room of " + Math.max(0, room)
                                + "; ARCHITECTURE.md is built from the folder summaries");
            }
            String docPath = REPOSITORY_UNIT + ".md";
            jobs.add(factory.docsJob(
                    REPOSITORY_UNIT,
                    "text",
                    planned,
                    TokenCounter.count(planned) + summaries,
                    identity,
                    DocsTarget.composite(DocLevel.REPOSITORY, docPath, top),
                    config.repositoryOutputTokens(top.size())));
        }
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
