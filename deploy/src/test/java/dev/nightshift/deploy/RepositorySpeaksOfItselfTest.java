package dev.nightshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository speaks only of itself: its code, tests and documents never point at things a reader of the
 * repository cannot follow — issue or ticket numbers, people named as an authority, design documents or references kept
 * elsewhere, or paths on the machine it was written on. A fact the code relies on is stated where it is used, or
 * in {@code docs/}. Full {@code https://} URLs are followable and allowed.
 */
class RepositorySpeaksOfItselfTest {
    /** What is not followable from inside the repository, by the name printed when it is found. */
    static final Map<String, Pattern> OUTSIDE_REFERENCES = Map.of(
            "issue or ticket number",
            Pattern.compile("(?i)\\b(?:issues?|tickets?) ?#?\\d+|\\bissues/\\d+"),
            "a person as an authority",
            Pattern.compile("(?i)\\bthe\\s+lead\\b|\\blead\\s+engineer\\b|\\bwork\\s+journal\\b"),
            "a file outside the repository",
            Pattern.compile("\\.\\./shared\\b|\\bshared/DESIGN\\.md|\\breference/(?:kafka|providers)\\.md"
                    + "|\\bCONVENTIONS\\.md"),
            "a section of a document not in the repository",
            Pattern.compile("(?<!docs/)\\bDESIGN\\.md ?§|(?<!\\.md )§ ?\\d|\\bDESIGN: "),
            "a machine path",
            Pattern.compile("(?<![\\w.~-])/w[o]rk/"));

    /** Text that is followable, and so never an outside reference: a full URL. */
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /** Files that are not source or documentation: nothing in them is read as prose. */
    private static final Set<String> SKIPPED_SUFFIXES =
            Set.of(".png", ".jpg", ".jpeg", ".gif", ".ico", ".jar", ".gz", ".zip");

    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".git", "node_modules");
    private static final String SELF = "deploy/src/test/java/dev/nightshift/deploy/RepositorySpeaksOfItselfTest.java";

    @Test
    void noFileReferencesWhatIsNotInTheRepository() throws IOException {
        // Given every source and documentation file of the repository
        Path root = RepoFiles.root();
        List<String> files = repositoryFiles(root);
        assertThat(files)
                .as("files found under " + root)
                .hasSizeGreaterThan(100)
                .contains("README.md", "docs/DESIGN.md");

        // When each line is searched for outside references
        List<String> found = new ArrayList<>();
        for (String file : files) {
            if (file.equals(SELF)) {
                continue;
            }
            readText(root.resolve(file)).ifPresent(text -> {
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String where = file + ":" + (i + 1) + ": ";
                    String line = lines[i].strip();
                    offence(line).ifPresent(what -> found.add(where + "[" + what + "] " + line));
                }
            });
        }

        // Then there are none
        assertThat(found)
                .withFailMessage(
                        "The repository must speak only of itself: state the fact instead of citing an issue,"
                                + " a person, a document kept elsewhere or a machine path (docs/DESIGN.md may be named).%n%s",
                        String.join("\n", found))
                .isEmpty();
    }

    private static String sample(String... pieces) {
        return String.join("", pieces);
    }

    @Test
    void thePatternsKeepApartOutsideReferencesAndOrdinaryText() {
        // The offending samples are put together from pieces, so that a search of the tree for such references (the
        // test's own, or a reviewer's grep) does not find this file's examples of them.
        for (String outside : List.of(
                sample("// see iss", "ue 12"),
                sample("fixed in iss", "ue #12"),
                sample("(iss", "ues/34)"),
                sample("tick", "et #9"),
                sample("Ask the ", "lead before changing this."),
                sample("as the le", "ad engineer said"),
                sample("from the work ", "journal"),
                sample("see ..", "/sha", "red/DESIGN.md"),
                sample("(shared", "/DESIGN.md)"),
                sample("refer", "ence/kafka.md §2"),
                sample("per refer", "ence/providers.md"),
                sample("follows CONVEN", "TIONS.md"),
                sample("(DESIGN.md ", "§1: owner creates)"),
                sample("(reference ", "§4.1)"),
                sample("billed as output (", "§0)"),
                sample("(DESI", "GN: services talk only through Kafka)"),
                sample("written to /wo", "rk/main/out"))) {
            assertThat(offence(outside)).as(outside).isPresent();
        }
        for (String ordinary : List.of(
                "HTTP 429 and 503 are retried",
                "1. first step",
                "#1 in a Markdown list",
                "color: #123456;",
                "#95% interval",
                "see docs/DESIGN.md §Decisions",
                "settle the ticket when the call ends",
                "QuotaLedger.Ticket ticket",
                "Design and decisions: [docs/DESIGN.md](docs/DESIGN.md)",
                "the leading zeros",
                "--new-session",
                "workaround for https://github.com/some/lib/issues/123",
                "/var/lib/nightshift/work/",
                "~/work/repo",
                "RepositoryConventions conventions",
                "they lead to the same place")) {
            assertThat(offence(ordinary)).as(ordinary).isEmpty();
        }
    }

    /** The kind of outside reference on this line, if any. */
    static Optional<String> offence(String line) {
        String text = URL.matcher(line).replaceAll(" ");
        return OUTSIDE_REFERENCES.entrySet().stream()
                .filter(e -> e.getValue().matcher(text).find())
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst();
    }

    /** The files git tracks or would track (untracked, not ignored); without git, a walk of the tree. */
    private static List<String> repositoryFiles(Path root) throws IOException {
        List<String> files = gitFiles(root).orElseGet(() -> walk(root));
        return files.stream()
                .filter(f -> SKIPPED_SUFFIXES.stream().noneMatch(f.toLowerCase(Locale.ROOT)::endsWith))
                .filter(f -> Stream.of(f.split("/")).noneMatch(SKIPPED_FOLDERS::contains))
                .filter(f -> Files.isRegularFile(root.resolve(f)))
                .sorted()
                .toList();
    }

    private static Optional<List<String>> gitFiles(Path root) {
        if (!Files.exists(root.resolve(".git"))) {
            return Optional.empty();
        }
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = git.getInputStream().readAllBytes();
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                return Optional.empty();
            }
            List<String> files = Stream.of(new String(out, StandardCharsets.UTF_8).split("\u0000"))
                    .filter(f -> !f.isEmpty())
                    .distinct()
                    .toList();
            return files.isEmpty() ? Optional.empty() : Optional.of(files);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static List<String> walk(Path root) {
        List<String> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root)
                                    && SKIPPED_FOLDERS.contains(
                                            dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    files.add(root.relativize(file).toString().replace('\\', '/'));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The file as UTF-8 text, or empty when it is binary (a NUL byte, or not UTF-8). */
    private static Optional<String> readText(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
