package dev.nightshift.sinkapi.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Commits a run's artifacts on a new branch of the target repository, on top of the run's commit. The
 * commit is built in memory (objects and a ref only): the working tree, index and checked-out branch of
 * the repository are not touched. A repository with uncommitted changes is refused all the same, since the branch is
 * meant to be checked out next. An existing branch is someone's work: it is replaced only when asked
 * ({@code replaceBranch}), and never while it is checked out.
 */
public final class BranchExport {
    private static final PersonIdent AUTHOR = new PersonIdent("nightshift", "nightshift@localhost");
    private static final int DIRTY_PATHS_SHOWN = 3;

    private BranchExport() {}

    public static ExportReport export(ArtifactSource source, Path repoDir, String branch) {
        return export(source, repoDir, branch, ExportOptions.PASSING);
    }

    public static ExportReport export(ArtifactSource source, Path repoDir, String branch, ExportOptions options) {
        return export(source, repoDir, branch, options, false);
    }

    /** @param replaceBranch replace {@code branch} when it exists (its old commit is named in the report's notes) */
    public static ExportReport export(
            ArtifactSource source, Path repoDir, String branch, ExportOptions options, boolean replaceBranch) {
        ExportPlan plan = ExportPlan.of(source, options);
        String ref = Constants.R_HEADS + branch;
        if (branch == null || branch.isBlank() || !Repository.isValidRefName(ref)) {
            throw new ExportException("'" + branch + "' is not a valid branch name; use e.g. nightshift/docs-"
                    + plan.run().runId());
        }
        try (Git git = Git.open(repoDir.toFile());
                ObjectInserter inserter = git.getRepository().newObjectInserter();
                RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repo = git.getRepository();
            requireClean(git, repoDir);
            Ref existing = repo.exactRef(ref);
            if (existing != null) {
                requireReplaceable(repo, branch, repoDir, replaceBranch);
            }
            RevCommit parent = parentCommit(repo, walk, plan, repoDir);
            plan = plan.keepingHandWritten(path -> handWritten(repo, parent, path));
            List<String> written = new ArrayList<>();
            ObjectId tree = buildTree(repo, inserter, parent, plan, written);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(parent);
            commit.setAuthor(AUTHOR);
            commit.setCommitter(AUTHOR);
            commit.setMessage(CommitMessage.of(plan.run(), written.size()));
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(ref);
            update.setNewObjectId(commitId);
            update.setExpectedOldObjectId(existing == null ? ObjectId.zeroId() : existing.getObjectId());
            update.setForceUpdate(existing != null);
            update.setRefLogMessage("nightshift export of run " + plan.run().runId(), false);
            RefUpdate.Result result = update.update(walk);
            // NO_CHANGE: the branch already held this very commit (the same export made again)
            if (result != RefUpdate.Result.NEW
                    && result != RefUpdate.Result.FORCED
                    && result != RefUpdate.Result.NO_CHANGE) {
                throw new ExportException("cannot " + (existing == null ? "create" : "replace") + " branch '" + branch
                        + "' in " + repoDir + ": git reports "
                        + result.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            List<String> notes = new ArrayList<>(plan.notes());
            if (existing != null && !existing.getObjectId().equals(commitId)) {
                notes.add("replaced branch '" + branch + "', which was at commit "
                        + existing.getObjectId().name() + " (to get it back: git branch -f " + branch + " "
                        + existing.getObjectId().name() + ")");
            }
            return new ExportReport(
                    plan.run().runId(), repoDir + "#" + branch, written, plan.refused(), commitId.name(), notes);
        } catch (org.eclipse.jgit.errors.RepositoryNotFoundException e) {
            throw new ExportException(repoDir + " is not a git repository; pass a clone that has the run's commit", e);
        } catch (IOException | GitAPIException e) {
            throw new ExportException("cannot commit to " + repoDir + ": " + e.getMessage(), e);
        }
    }

    /** Uncommitted changes (staged or not; untracked files do not count) would mix with the branch once checked out. */
    private static void requireClean(Git git, Path repoDir) throws GitAPIException {
        if (git.getRepository().isBare()) {
            return;
        }
        Status status = git.status().call();
        if (!status.hasUncommittedChanges()) {
            return;
        }
        Set<String> dirty = new TreeSet<>(status.getUncommittedChanges());
        String shown = String.join(", ", dirty.stream().limit(DIRTY_PATHS_SHOWN).toList())
                + (dirty.size() > DIRTY_PATHS_SHOWN ? " and " + (dirty.size() - DIRTY_PATHS_SHOWN) + " more" : "");
        throw new ExportException(repoDir + " has uncommitted changes (" + shown
                + "); commit or stash them (git stash)," + " then export again");
    }

    private static void requireReplaceable(Repository repo, String branch, Path repoDir, boolean replaceBranch)
            throws IOException {
        if (!repo.isBare() && branch.equals(repo.getBranch())) {
            throw new ExportException("branch '" + branch + "' is checked out in " + repoDir
                    + "; choose another name, or" + " switch to another branch before replacing it");
        }
        if (!replaceBranch) {
            throw new ExportException("branch '" + branch + "' already exists in " + repoDir
                    + "; choose another name, or" + " add --force to replace it");
        }
    }

    /** A file at {@code path} in the commit that nightshift did not write. */
    static boolean handWritten(Repository repo, RevCommit commit, String path) {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
            return tw != null
                    && SimulatedMark.handWritten(repo.open(tw.getObjectId(0)).getBytes());
        } catch (IOException e) {
            throw new ExportException("cannot read " + path + " of the run's commit: " + e.getMessage(), e);
        }
    }

    private static RevCommit parentCommit(Repository repo, RevWalk walk, ExportPlan plan, Path repoDir)
            throws IOException {
        String commit = plan.run().commit();
        ObjectId id = commit == null || commit.isBlank() ? null : repo.resolve(commit + "^{commit}");
        if (id == null) {
            throw new ExportException(
                    "commit '" + commit + "' of run " + plan.run().runId() + " is not in " + repoDir
                            + "; fetch it there first (the run read "
                            + plan.run().repository() + "), or export into a clone that"
                            + " has it with --repo PATH");
        }
        return walk.parseCommit(id);
    }

    /** The parent's tree with every artifact added or replaced; a path that collides with a folder is refused. */
    private static ObjectId buildTree(
            Repository repo, ObjectInserter inserter, RevCommit parent, ExportPlan plan, List<String> written)
            throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        Map<String, ExportPlan.File> artifacts = plan.files();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(parent.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                if (artifacts.containsKey(tw.getPathString())) {
                    continue;
                }
                DirCacheEntry e = new DirCacheEntry(tw.getPathString());
                e.setFileMode(tw.getFileMode(0));
                e.setObjectId(tw.getObjectId(0));
                builder.add(e);
            }
        }
        for (Map.Entry<String, ExportPlan.File> a : artifacts.entrySet()) {
            DirCacheEntry e = new DirCacheEntry(a.getKey());
            e.setFileMode(FileMode.REGULAR_FILE);
            e.setObjectId(
                    inserter.insert(Constants.OBJ_BLOB, a.getValue().text().getBytes(StandardCharsets.UTF_8)));
            builder.add(e);
            written.add(a.getKey());
        }
        try {
            builder.finish();
        } catch (IllegalStateException e) {
            throw new ExportException(
                    "an artifact path collides with a file or folder of the run's commit: " + e.getMessage(), e);
        }
        return index.writeTree(inserter);
    }
}
