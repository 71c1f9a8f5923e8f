package dev.nightshift.sinkapi.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes a run's artifacts as one git-style unified diff against the run's commit, to apply with
 * {@code git apply} (or {@code git am}-free review). When the repository is not at hand every artifact is
 * a new file. Nothing in the repository is written.
 */
public final class PatchExport {
    private PatchExport() {}

    /** @param repoDir the repository the run was made from, or {@code null} to diff against nothing */
    public static ExportReport export(ArtifactSource source, Path repoDir, Path patchFile) {
        return export(source, repoDir, patchFile, ExportOptions.PASSING);
    }

    /** @param repoDir the repository the run was made from, or {@code null} to diff against nothing */
    public static ExportReport export(ArtifactSource source, Path repoDir, Path patchFile, ExportOptions options) {
        ExportPlan plan = ExportPlan.of(source, options);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> written = new ArrayList<>();
        try (Git git = repoDir == null ? null : Git.open(repoDir.toFile())) {
            Repository repo = git == null ? null : git.getRepository();
            RevCommit base = repo == null ? null : base(repo, plan, repoDir);
            ExportPlan kept =
                    base == null ? plan : plan.keepingHandWritten(path -> BranchExport.handWritten(repo, base, path));
            plan = kept;
            for (Map.Entry<String, ExportPlan.File> a : kept.files().entrySet()) {
                byte[] before = base == null ? null : blob(repo, base, a.getKey());
                byte[] after = a.getValue().text().getBytes(StandardCharsets.UTF_8);
                if (writeFileDiff(out, a.getKey(), before, after)) {
                    written.add(a.getKey());
                }
            }
        } catch (org.eclipse.jgit.errors.RepositoryNotFoundException e) {
            throw new ExportException(
                    repoDir + " is not a git repository; pass the repository the run was made from", e);
        } catch (IOException e) {
            throw new ExportException("cannot read " + repoDir + " to make the patch: " + e.getMessage(), e);
        }
        try {
            Path parent = patchFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(patchFile, out.toByteArray());
        } catch (IOException e) {
            throw new ExportException("cannot write the patch " + patchFile + ": " + e.getMessage(), e);
        }
        return new ExportReport(plan.run().runId(), patchFile.toString(), written, plan.refused(), null, plan.notes());
    }

    private static RevCommit base(Repository repo, ExportPlan plan, Path repoDir) throws IOException {
        ObjectId id =
                plan.run().commit() == null ? null : repo.resolve(plan.run().commit() + "^{commit}");
        if (id == null) {
            throw new ExportException("commit '" + plan.run().commit() + "' of run "
                    + plan.run().runId() + " is not in " + repoDir + "; pass the repository the run was made from");
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(id);
        }
    }

    private static byte[] blob(Repository repo, RevCommit commit, String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
            return tw == null ? null : repo.open(tw.getObjectId(0)).getBytes();
        }
    }

    /** Writes one file's diff; false when the artifact equals what the commit already has. */
    private static boolean writeFileDiff(OutputStream out, String path, byte[] before, byte[] after)
            throws IOException {
        RawText a = before == null ? RawText.EMPTY_TEXT : new RawText(before);
        RawText b = new RawText(after);
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        if (edits.isEmpty() && before != null) {
            return false;
        }
        StringBuilder header = new StringBuilder("diff --git a/" + path + " b/" + path + "\n");
        if (before == null) {
            header.append("new file mode 100644\n--- /dev/null\n");
        } else {
            header.append("--- a/").append(path).append('\n');
        }
        header.append("+++ b/").append(path).append('\n');
        out.write(header.toString().getBytes(StandardCharsets.UTF_8));
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.format(edits, a, b);
            formatter.flush();
        }
        return true;
    }
}
