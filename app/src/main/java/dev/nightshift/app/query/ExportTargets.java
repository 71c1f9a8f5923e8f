package dev.nightshift.app.query;

import dev.nightshift.app.cli.UserError;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Checks {@code export}'s {@code --branch} and {@code --patch} before the store is opened, so that a name git would
 * refuse, a folder that is no repository or a path that cannot be written fails with the reason instead of after the
 * export was assembled.
 */
final class ExportTargets {
    private static final String EXAMPLE_BRANCH = "nightshift/docs-1";

    private ExportTargets() {}

    /** The rules of {@code git check-ref-format --branch}, as JGit applies them, with the rule that was broken. */
    static void checkBranch(String name) {
        String reason = branchNameProblem(name);
        if (reason != null) {
            throw UserError.badInput("--branch '" + name + "' is not a valid branch name: " + reason
                    + "; pass a name such as " + EXAMPLE_BRANCH);
        }
    }

    private static String branchNameProblem(String name) {
        if (name.isBlank()) {
            return "it is empty";
        }
        if (name.startsWith("-")) {
            return "it starts with '-', which git would read as an option";
        }
        if (name.startsWith(Constants.R_REFS)) {
            return "give the branch's short name, without '" + Constants.R_HEADS + "' or '" + Constants.R_REFS + "'";
        }
        if (Repository.isValidRefName(Constants.R_HEADS + name)) {
            return null;
        }
        if (name.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return "it contains a space or a control character";
        }
        for (String bad : new String[] {"..", "~", "^", ":", "?", "*", "[", "\\", "@{", "//"}) {
            if (name.contains(bad)) {
                return "it contains '" + bad + "'";
            }
        }
        if (name.endsWith("/") || name.endsWith(".") || name.endsWith(".lock")) {
            return "it ends with '/', '.' or '.lock'";
        }
        if (name.startsWith("/") || name.startsWith(".") || name.contains("/.")) {
            return "it or one of its '/'-separated parts starts with '/' or '.'";
        }
        return "git does not accept it (see 'git check-ref-format')";
    }

    /**
     * The git repository {@code start} is in (its work tree, or the repository itself when bare), found as git finds
     * it: in {@code start} or the nearest folder above with a {@code .git}.
     *
     * @param where how the user gave {@code start}, for the message ("--repo x", "the current directory (…)")
     */
    static Path enclosingRepository(Path start, String where) {
        if (!Files.isDirectory(start)) {
            throw UserError.badInput(where + " is not a folder; pass --repo PATH of a git repository");
        }
        File gitDir = new FileRepositoryBuilder().findGitDir(start.toFile()).getGitDir();
        if (gitDir == null) {
            throw UserError.badInput(where + " is not in a git repository; run export --branch from your clone, or pass"
                    + " --repo PATH of one");
        }
        return gitDir.getName().equals(Constants.DOT_GIT)
                ? gitDir.getParentFile().toPath()
                : gitDir.toPath();
    }

    /**
     * A patch file may go into a folder that does not exist yet (it is created), but not through a missing folder
     * with '..' (which would create that folder only to leave it), nor through a file, nor be a folder itself.
     */
    static void checkPatch(Path patch) {
        Path absolute = patch.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw UserError.badInput(
                    "--patch " + patch + " is a folder; pass a file name, e.g. " + patch.resolve("run.patch"));
        }
        Path walked = absolute.getRoot();
        for (int i = 0; i < absolute.getNameCount() - 1; i++) {
            Path next = walked.resolve(absolute.getName(i));
            if (absolute.getName(i + 1).toString().equals("..") && !Files.isDirectory(next)) {
                throw UserError.badInput(
                        "--patch " + patch + " goes through the folder " + next + ", which does not exist;"
                                + " create it, or write the path without '..', e.g. " + absolute.normalize());
            }
            if (Files.exists(next) && !Files.isDirectory(next)) {
                throw UserError.badInput("--patch " + patch + " cannot be written: " + next
                        + " is a file, not a folder;" + " pass a path in a folder");
            }
            walked = next;
        }
    }
}
