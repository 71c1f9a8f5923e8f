package dev.nightshift.sinkapi.export;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.merge.DocParts;
import dev.nightshift.sinkapi.merge.MergeException;
import dev.nightshift.sinkapi.merge.TestMerger;
import dev.nightshift.sinkapi.query.RunStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The files one export writes, whatever it writes them to (a folder, a branch, a patch, {@code run --out}):
 * <ul>
 *   <li>every artifact that passed — documentation, and tests the validator passed ({@code passed}, or
 *       {@code no-gain} when delivered) or never judged (runs before validation); the parts of a split unit
 *       merged by {@link TestMerger} into the one file they share ({@code mergeInto}), or written apart, with a
 *       note, when they cannot be merged;</li>
 *   <li>with {@link ExportOptions#all()}, each job's last rejected test under {@value #REJECTED_DIR}/ at its
 *       path, with {@code <path>.diagnostics.txt} beside it naming the verdicts and diagnostics of the job's
 *       rejected attempts, latest first.</li>
 * </ul>
 * Every path is validated by {@link SafePaths} (refused ones kept aside with the reason); files are in path order,
 * so every export is reproducible.
 */
final class ExportPlan {
    static final String REJECTED_DIR = "nightshift-rejected";

    /** One file to write; its text is read (and merged) once, when first asked for. */
    static final class File {
        private final String path;
        private final List<String> jobIds;
        private Supplier<String> source;
        private String text;

        File(String path, List<String> jobIds, Supplier<String> source) {
            this.path = path;
            this.jobIds = List.copyOf(jobIds);
            this.source = source;
        }

        String path() {
            return path;
        }

        List<String> jobIds() {
            return jobIds;
        }

        String text() {
            if (text == null) {
                text = source.get();
                source = null;
            }
            return text;
        }
    }

    private final RunStatus run;
    private final Map<String, File> files;
    private final List<ExportReport.Refused> refused;
    private final List<String> notes;

    private ExportPlan(RunStatus run, Map<String, File> files, List<ExportReport.Refused> refused, List<String> notes) {
        this.run = run;
        this.files = files;
        this.refused = refused;
        this.notes = notes;
    }

    static ExportPlan of(ArtifactSource source) {
        return of(source, ExportOptions.PASSING);
    }

    static ExportPlan of(ArtifactSource source, ExportOptions options) {
        RunStatus run = source.run();
        Map<String, File> files = new TreeMap<>();
        List<ExportReport.Refused> refused = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<ArtifactRecord> artifacts = source.artifacts().stream()
                .sorted(Comparator.comparing(ArtifactRecord::path, Comparator.nullsFirst(String::compareTo)))
                .toList();
        Map<String, List<ArtifactRecord>> split = new TreeMap<>();
        Map<String, List<ArtifactRecord>> docParts = new TreeMap<>();
        List<ArtifactRecord> failing = new ArrayList<>();
        for (ArtifactRecord a : artifacts) {
            if (!passing(a)) {
                failing.add(a);
            } else if (a.task() == TaskType.TESTS
                    && a.mergeInto() != null
                    && (a.parts() > 1 || !a.mergeInto().equals(a.path()))) {
                split.computeIfAbsent(a.mergeInto(), k -> new ArrayList<>()).add(a);
            } else if (a.task() == TaskType.DOCS && DocParts.startLine(a.unitPath()) > 0) {
                docParts.computeIfAbsent(a.unitPath().substring(0, a.unitPath().indexOf('#')), k -> new ArrayList<>())
                        .add(a);
            } else {
                add(
                        files,
                        refused,
                        a.path(),
                        List.of(a.jobId()),
                        mark(options, a.path(), a.simulated(), () -> source.text(a.jobId())));
            }
        }
        split.forEach((mergeInto, parts) -> merge(source, options, files, refused, notes, mergeInto, parts));
        docParts.forEach((file, parts) -> add(
                files,
                refused,
                file + ".md",
                parts.stream().map(ArtifactRecord::jobId).toList(),
                mark(
                        options,
                        file + ".md",
                        parts.stream().anyMatch(ArtifactRecord::simulated),
                        () -> DocParts.merge(
                                file,
                                parts.stream()
                                        .map(a -> new DocParts.Part(
                                                DocParts.startLine(a.unitPath()), source.text(a.jobId())))
                                        .toList()))));
        if (options.all()) {
            rejected(source, options, files, refused, failing);
        }
        return new ExportPlan(run, files, refused, notes);
    }

    /**
     * Moves every document whose path already holds a hand-written file of the target ({@code exists}) to the same name with
     * {@value #CONFLICT_SUFFIX} before its extension, with a note: a hand-written {@code README.md} is never
     * overwritten. Tests are not moved: a test file's parts are merged into it on purpose.
     */
    ExportPlan keepingHandWritten(java.util.function.Predicate<String> exists) {
        Map<String, File> kept = new TreeMap<>();
        List<String> moreNotes = new ArrayList<>(notes);
        for (Map.Entry<String, File> e : files.entrySet()) {
            String path = e.getKey();
            if (path.endsWith(".md") && !path.startsWith(REJECTED_DIR + "/") && exists.test(path)) {
                String moved = path.substring(0, path.length() - ".md".length()) + CONFLICT_SUFFIX + ".md";
                moreNotes.add("conflict: " + path + " is already in the target and is kept; the generated document is "
                        + moved);
                kept.put(moved, new File(moved, e.getValue().jobIds(), e.getValue()::text));
            } else {
                kept.put(path, e.getValue());
            }
        }
        return new ExportPlan(run, kept, refused, moreNotes);
    }

    static final String CONFLICT_SUFFIX = ".nightshift";

    /** Documentation and tests that passed ({@code no-gain} only when delivered), or that nothing judged. */
    static boolean passing(ArtifactRecord a) {
        return !a.rejected()
                && (a.verdict() == null || a.verdict() == Verdict.PASSED || a.verdict() == Verdict.NO_GAIN);
    }

    private static void merge(
            ArtifactSource source,
            ExportOptions options,
            Map<String, File> files,
            List<ExportReport.Refused> refused,
            List<String> notes,
            String mergeInto,
            List<ArtifactRecord> parts) {
        List<ArtifactRecord> ordered = parts.stream()
                .sorted(Comparator.comparingInt(ArtifactRecord::part))
                .toList();
        List<String> jobIds = ordered.stream().map(ArtifactRecord::jobId).toList();
        boolean simulated = ordered.stream().anyMatch(ArtifactRecord::simulated);
        if (!TestMerger.supports(mergeInto)) {
            notes.add("the parts of " + mergeInto
                    + " are written as separate files: tests in its language are not merged");
            ordered.forEach(a -> add(
                    files,
                    refused,
                    a.path(),
                    List.of(a.jobId()),
                    mark(options, a.path(), a.simulated(), () -> source.text(a.jobId()))));
            return;
        }
        try {
            SafePaths.validate(mergeInto);
        } catch (UnsafePathException e) {
            jobIds.forEach(id -> refused.add(new ExportReport.Refused(id, mergeInto, e.getMessage())));
            return;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        ordered.forEach(a -> texts.put(a.jobId(), source.text(a.jobId())));
        try {
            String merged = TestMerger.merge(
                    mergeInto,
                    ordered.stream()
                            .map(a -> new TestMerger.Part(a.part(), a.path(), texts.get(a.jobId())))
                            .toList());
            add(files, refused, mergeInto, jobIds, mark(options, mergeInto, simulated, () -> merged));
        } catch (MergeException e) {
            notes.add("the parts of " + mergeInto + " are written as separate files: " + e.getMessage());
            ordered.forEach(a -> add(
                    files,
                    refused,
                    a.path(),
                    List.of(a.jobId()),
                    mark(options, a.path(), a.simulated(), () -> texts.get(a.jobId()))));
        }
    }

    /** Each job's last rejected test (or its delivered test that did not pass), with its diagnostics beside it. */
    private static void rejected(
            ArtifactSource source,
            ExportOptions options,
            Map<String, File> files,
            List<ExportReport.Refused> refused,
            List<ArtifactRecord> failing) {
        Map<String, List<ArtifactRecord>> byJob = new TreeMap<>();
        List<ArtifactRecord> all = new ArrayList<>(source.rejected());
        all.addAll(failing);
        all.forEach(
                a -> byJob.computeIfAbsent(a.jobId(), k -> new ArrayList<>()).add(a));
        byJob.forEach((jobId, attempts) -> {
            List<ArtifactRecord> latestFirst = attempts.stream()
                    .sorted(Comparator.comparingInt(ArtifactRecord::attempt).reversed())
                    .toList();
            ArtifactRecord latest = latestFirst.get(0);
            String path = REJECTED_DIR + "/" + latest.path();
            Supplier<String> text =
                    latest.rejected() ? () -> source.rejectedText(jobId, latest.attempt()) : () -> source.text(jobId);
            add(files, refused, path, List.of(jobId), mark(options, path, latest.simulated(), text));
            add(files, refused, path + ".diagnostics.txt", List.of(jobId), () -> diagnostics(latestFirst));
        });
    }

    /** What was wrong with a job's rejected tests, latest first: verdict, model, attempt, diagnostics. */
    static String diagnostics(List<ArtifactRecord> latestFirst) {
        ArtifactRecord latest = latestFirst.get(0);
        StringBuilder b = new StringBuilder();
        b.append("nightshift: test rejected by the validator (")
                .append(verdict(latest))
                .append(")\n");
        b.append("run: ").append(latest.runId()).append('\n');
        b.append("job: ").append(latest.jobId()).append('\n');
        b.append("unit: ").append(latest.unitPath()).append('\n');
        b.append("test: ").append(latest.path()).append('\n');
        for (ArtifactRecord a : latestFirst) {
            b.append('\n')
                    .append("attempt ")
                    .append(a.attempt())
                    .append(" by ")
                    .append(a.model())
                    .append(": ")
                    .append(verdict(a))
                    .append('\n');
            String d = a.diagnostics() == null || a.diagnostics().isBlank()
                    ? "(no diagnostics)"
                    : a.diagnostics().strip();
            b.append(d).append('\n');
        }
        return b.toString();
    }

    private static String verdict(ArtifactRecord a) {
        return a.verdict() == null ? "no verdict" : a.verdict().id();
    }

    private static Supplier<String> mark(ExportOptions options, String path, boolean simulated, Supplier<String> text) {
        if (options.markSimulated() && simulated) {
            return () -> SimulatedMark.apply(path, text.get());
        }
        return path.endsWith(".md") && !path.startsWith(REJECTED_DIR + "/")
                ? () -> SimulatedMark.generated(text.get())
                : text;
    }

    private static void add(
            Map<String, File> files,
            List<ExportReport.Refused> refused,
            String path,
            List<String> jobIds,
            Supplier<String> text) {
        try {
            files.put(SafePaths.validate(path), new File(path, jobIds, text));
        } catch (UnsafePathException e) {
            jobIds.forEach(id -> refused.add(new ExportReport.Refused(id, path, e.getMessage())));
        }
    }

    RunStatus run() {
        return run;
    }

    /** The files to write, by path, in path order. */
    Map<String, File> files() {
        return files;
    }

    List<ExportReport.Refused> refused() {
        return refused;
    }

    List<String> notes() {
        return notes;
    }
}
