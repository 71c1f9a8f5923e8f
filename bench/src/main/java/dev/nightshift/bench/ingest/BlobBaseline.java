package dev.nightshift.bench.ingest;

import dev.nightshift.bench.harness.HeapPeak;
import dev.nightshift.core.tokens.TokenCounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The ingest benchmark's baseline: every regular blob of HEAD read with JGit and its tokens counted with JTokkit
 * ({@code o200k_base}, through core's {@link TokenCounter}), in a plain single-threaded loop — no filters,
 * no units, no plan. Its file and byte counts are also the input both rates are taken over.
 */
final class BlobBaseline {
    private BlobBaseline() {}

    static Throughput measure(String name, Path repo) throws IOException {
        try (HeapPeak heap = HeapPeak.start(null)) {
            return read(name, repo, heap);
        }
    }

    private static Throughput read(String name, Path repo, HeapPeak heap) throws IOException {
        long start = System.nanoTime();
        long files = 0;
        long bytes = 0;
        long tokens = 0;
        try (Repository r = open(repo);
                ObjectReader reader = r.newObjectReader();
                RevWalk walk = new RevWalk(reader);
                TreeWalk tree = new TreeWalk(r, reader)) {
            tree.addTree(walk.parseCommit(r.resolve(Constants.HEAD)).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (tree.getFileMode(0) != FileMode.REGULAR_FILE && tree.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                byte[] content =
                        reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
                files++;
                bytes += content.length;
                tokens += TokenCounter.count(new String(content, StandardCharsets.UTF_8));
            }
        }
        return new Throughput(
                name,
                "baseline",
                files,
                bytes,
                tokens,
                (System.nanoTime() - start) / 1e9,
                heap.liveBytes(),
                heap.poolPeakBytes());
    }

    private static Repository open(Path repo) throws IOException {
        Path gitDir = repo.resolve(".git");
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        return (gitDir.toFile().isDirectory() ? builder.setGitDir(gitDir.toFile()) : builder.setGitDir(repo.toFile()))
                .build();
    }
}
