package dev.nightshift.ingest.source;

import dev.nightshift.ingest.IngestException;
import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** Turns a user's ref (a branch, a tag, a commit id or any revision expression; none = HEAD) into a commit. */
public final class RefResolver {
    private static final int LISTED_BRANCHES = 8;

    private RefResolver() {}

    /** @throws IngestException for an empty repository or a ref that names no commit */
    public static ObjectId resolve(OpenedRepository opened, String ref) {
        Repository repo = opened.repository();
        try {
            List<Ref> refs = repo.getRefDatabase().getRefs();
            boolean empty = refs.stream().noneMatch(r -> r.getObjectId() != null);
            if (empty) {
                throw new IngestException(
                        "repository '" + opened.identity() + "' is empty (it has no commits); commit something first");
            }
            String revision = ref == null ? Constants.HEAD : ref;
            ObjectId commit = repo.resolve(revision + "^{commit}");
            if (commit == null) {
                throw ref == null
                        ? new IngestException("HEAD of '" + opened.identity()
                                + "' points to a branch without commits; pass a ref such as " + knownBranches(repo))
                        : unknown(opened, ref, repo);
            }
            return commit;
        } catch (AmbiguousObjectException e) {
            throw new IngestException("ref '" + ref + "' is an ambiguous abbreviated commit id in '" + opened.identity()
                    + "'; give more characters of the commit id");
        } catch (IncorrectObjectTypeException e) {
            throw new IngestException("ref '" + ref + "' in '" + opened.identity()
                    + "' does not name a commit; pass a branch, tag or commit");
        } catch (RevisionSyntaxException e) {
            throw unknown(opened, ref, repo);
        } catch (IOException e) {
            throw CorruptObjects.explain(e, opened.identity())
                    .orElseGet(() -> new IngestException(
                            "cannot read refs of '" + opened.identity() + "': " + e.getMessage()
                                    + "; run 'git fsck' in it to check that it is not corrupt",
                            e));
        }
    }

    private static IngestException unknown(OpenedRepository opened, String ref, Repository repo) {
        return new IngestException("unknown ref '" + ref + "' in '" + opened.identity()
                + "'; pass an existing branch, tag or commit id, e.g. " + knownBranches(repo));
    }

    private static String knownBranches(Repository repo) {
        try {
            List<String> names = repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
                    .map(r -> Repository.shortenRefName(r.getName()))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                return "a commit id";
            }
            String shown = String.join(", ", names.subList(0, Math.min(LISTED_BRANCHES, names.size())));
            return shown
                    + (names.size() > LISTED_BRANCHES
                            ? " (and " + (names.size() - LISTED_BRANCHES) + " more branches)"
                            : "");
        } catch (IOException e) {
            return "a branch name";
        }
    }
}
