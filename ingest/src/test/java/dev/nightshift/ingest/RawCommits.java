package dev.nightshift.ingest;

import dev.nightshift.testkit.RawRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Writes commits straight into the object database, for trees a working tree cannot hold: submodule
 * links, symbolic links pointing out of the tree, names with {@code ..} or control bytes. Each entry name
 * is a raw byte sequence; nested folders are separate trees.
 */
final class RawCommits {
    private RawCommits() {}

    /** An entry of a tree: a blob, a symlink, a gitlink or a subtree. */
    sealed interface Entry {}

    // Raw bytes are what a blob is; a Blob is only handed to the object inserter, never compared or hashed.
    record Blob(@SuppressWarnings("ArrayRecordComponent") byte[] content, FileMode mode) implements Entry {
        static Blob text(String text) {
            return new Blob(text.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR_FILE);
        }
    }

    record Link(String target) implements Entry {}

    record Gitlink(ObjectId commit) implements Entry {}

    record Tree(Map<byte[], Entry> entries) implements Entry {}

    /** Commits a root tree on a new repository at {@code dir} (branch main) and returns the commit id. */
    static String commit(Path dir, Map<byte[], Entry> root) {
        return RawRepository.commit(dir, "raw", inserter -> tree(inserter, root));
    }

    static byte[] name(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectId tree(ObjectInserter inserter, Map<byte[], Entry> entries) throws IOException {
        // Git sorts tree entries by name bytes, with folders compared as if their name ended in '/'.
        List<Map.Entry<byte[], Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort((a, b) -> compare(sortKey(a), sortKey(b)));
        TreeFormatter formatter = new TreeFormatter();
        for (Map.Entry<byte[], Entry> e : sorted) {
            byte[] name = e.getKey();
            Entry entry = e.getValue();
            if (entry instanceof Blob blob) {
                formatter.append(name, blob.mode(), inserter.insert(Constants.OBJ_BLOB, blob.content()));
            } else if (entry instanceof Link link) {
                formatter.append(
                        name,
                        FileMode.SYMLINK,
                        inserter.insert(Constants.OBJ_BLOB, link.target().getBytes(StandardCharsets.UTF_8)));
            } else if (entry instanceof Gitlink gitlink) {
                formatter.append(name, FileMode.GITLINK, gitlink.commit());
            } else if (entry instanceof Tree tree) {
                formatter.append(name, FileMode.TREE, tree(inserter, tree.entries()));
            }
        }
        return inserter.insert(formatter);
    }

    private static byte[] sortKey(Map.Entry<byte[], Entry> e) {
        if (!(e.getValue() instanceof Tree)) {
            return e.getKey();
        }
        byte[] key = new byte[e.getKey().length + 1];
        System.arraycopy(e.getKey(), 0, key, 0, e.getKey().length);
        key[key.length - 1] = '/';
        return key;
    }

    private static int compare(byte[] a, byte[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = (a[i] & 0xff) - (b[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return a.length - b.length;
    }

    /** A mutable ordered map for building trees in tests. */
    static Map<byte[], Entry> entries() {
        return new TreeMap<>(RawCommits::compare);
    }
}
