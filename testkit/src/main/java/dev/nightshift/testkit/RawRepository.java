package dev.nightshift.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A repository whose one commit is written straight into the object database, for trees a working tree
 * cannot hold (odd names, links out of the tree, submodules) or that would be slow to write as files
 * (benchmark repositories of tens of thousands of files).
 */
public final class RawRepository {
    private RawRepository() {}

    /** Inserts a root tree and returns its id. */
    @FunctionalInterface
    public interface TreeWriter {
        ObjectId write(ObjectInserter inserter) throws IOException;
    }

    /** Creates a repository at {@code dir} whose branch {@code main} (and HEAD) is one commit of the written tree. */
    public static String commit(Path dir, String message, TreeWriter root) {
        try (Repository repo = FileRepositoryBuilder.create(dir.resolve(".git").toFile())) {
            repo.create();
            try (ObjectInserter inserter = repo.newObjectInserter()) {
                CommitBuilder commit = new CommitBuilder();
                PersonIdent who = new PersonIdent("nightshift", "tests@nightshift.invalid");
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage(message);
                commit.setTreeId(root.write(inserter));
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                RefUpdate update = repo.updateRef("refs/heads/main");
                update.setNewObjectId(id);
                update.forceUpdate();
                repo.updateRef(Constants.HEAD).link("refs/heads/main");
                return id.name();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
