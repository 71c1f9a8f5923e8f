package dev.nightshift.validator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.validator.sandbox.ViolationClassifier.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Inside the sandbox the command sees system folders, its toolchain and the paths it names; nothing else. */
class SandboxFilesTest {
    @TempDir
    Path workdir;

    @TempDir
    Path scratch;

    @TempDir
    Path elsewhere;

    @ParameterizedTest
    @EnumSource(Language.class)
    void aKeyInTheHomeSshFolderCannotBeReadAndIsAViolation(Language language) throws Exception {
        try (HomeSshProbe probe = HomeSshProbe.create()) {
            SandboxedCommand command = CommandFixture.in(workdir, language.readFile(workdir, probe.file()))
                    .build();

            ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

            assertThat(outcome.exitCode()).isNotZero();
            assertThat(outcome.output())
                    .doesNotContain(probe.secret())
                    .contains(probe.file().toString());
            assertThat(ViolationClassifier.forCommand(command).classify(outcome.output()))
                    .hasValueSatisfying(v -> assertThat(v.kind()).isEqualTo(Kind.FILES));
        }
    }

    @Test
    void aHostFileTheCommandIsNotShownIsInvisibleAndReadingItIsAViolation() throws Exception {
        // A folder of the host outside /tmp (which the sandbox replaces with its own): like a checkout elsewhere.
        Path hostOnly = Files.createTempDirectory(Path.of("/var/tmp"), "nightshift-host-only-");
        try {
            Path pom = Files.writeString(hostOnly.resolve("pom.xml"), "<project/>\n");
            SandboxedCommand command = CommandFixture.in(workdir, Language.PYTHON.readFile(workdir, pom))
                    .build();

            ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

            assertThat(outcome.output()).contains("No such file or directory").doesNotContain("<project");
            assertThat(ViolationClassifier.forCommand(command).classify(outcome.output()))
                    .hasValueSatisfying(v -> assertThat(v.kind()).isEqualTo(Kind.FILES));
        } finally {
            Files.deleteIfExists(hostOnly.resolve("pom.xml"));
            Files.deleteIfExists(hostOnly);
        }
    }

    @Test
    void theHomeFolderShowsOnlyTheInterpretersInstallation() throws Exception {
        String home = System.getProperty("user.home");
        String script = String.join(
                "\n",
                "import os, sys",
                "home = sys.argv[1]",
                "for root, dirs, files in os.walk(home):",
                "    print(root)",
                "    if root.count('/') - home.count('/') >= 3: dirs.clear()",
                "print('work exists:', os.path.exists('/work'))");
        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch)
                .run(CommandFixture.in(workdir, Interpreters.python(), "-c", script, home)
                        .build());

        Path installation =
                Toolchains.installationOf(Path.of(Interpreters.python()).toRealPath());
        List<Path> seen = outcome.output()
                .lines()
                .filter(line -> line.startsWith(home))
                .map(Path::of)
                .toList();
        assertThat(outcome.output()).as(outcome.output()).contains("work exists: False");
        if (installation.startsWith(home)) {
            assertThat(seen).as("the interpreter's installation is shown").contains(installation);
        } else {
            assertThat(seen)
                    .as("an interpreter outside the home folder shows nothing of it")
                    .isEmpty();
        }
        assertThat(seen).as("and only the folders on the way to it").allSatisfy(path -> assertThat(
                        installation.startsWith(path) || path.startsWith(installation))
                .isTrue());
    }

    @Test
    void writesLandInWritableFailInReadOnlyAndStayInTheOverlay() throws Exception {
        Path readOnly = Files.createDirectories(elsewhere.resolve("read-only"));
        Files.writeString(readOnly.resolve("kept.txt"), "kept");
        Path writable = Files.createDirectories(elsewhere.resolve("writable"));
        Path overlay = Files.createDirectories(elsewhere.resolve("overlay"));
        Files.writeString(overlay.resolve("source.txt"), "original");
        String script = String.join(
                "\n",
                "echo changed > " + readOnly + "/kept.txt",
                "echo new > " + writable + "/landed.txt",
                "echo changed > " + overlay + "/source.txt",
                "echo new > " + overlay + "/added.txt",
                "echo inside: $(cat " + overlay + "/source.txt) $(cat " + overlay + "/added.txt)");
        SandboxedCommand command = CommandFixture.in(workdir, "/bin/sh", "-c", script)
                .readOnly(readOnly)
                .writable(writable)
                .overlay(overlay)
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        assertThat(outcome.output())
                .contains(readOnly + "/kept.txt: Read-only file system")
                .contains("inside: changed new");
        assertThat(readOnly.resolve("kept.txt")).hasContent("kept");
        assertThat(writable.resolve("landed.txt")).hasContent("new");
        assertThat(overlay.resolve("source.txt")).hasContent("original");
        assertThat(overlay.resolve("added.txt")).doesNotExist();
        assertThat(ViolationClassifier.forCommand(command).classify(outcome.output()))
                .hasValueSatisfying(
                        v -> assertThat(v.evidence()).contains(readOnly + "/kept.txt: Read-only file system"));
    }

    @Test
    void readOnlyDependencyFilesInAnOverlayAreSharedNotCopied() throws Exception {
        Path overlay = Files.createDirectories(elsewhere.resolve("project"));
        Path dependency = Files.createDirectories(overlay.resolve("node_modules/left-pad"))
                .resolve("index.js");
        Files.writeString(dependency, "module.exports = 1;");
        SandboxedCommand command = CommandFixture.in(
                        workdir,
                        "/bin/sh",
                        "-c",
                        "stat -c %h " + dependency + "; rm " + dependency + " && echo removed")
                .overlay(overlay)
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        assertThat(outcome.output().lines()).containsExactly("2", "removed");
        assertThat(dependency).hasContent("module.exports = 1;");
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void refusesToShowAHomeFolderOrCredentials() {
        Path home = Path.of(System.getProperty("user.home"));
        BubblewrapSandbox sandbox = BubblewrapFixture.bubblewrap(scratch);

        assertThatThrownBy(() -> sandbox.run(
                        CommandFixture.in(workdir, "/bin/true").readOnly(home).build()))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("refusing to show " + home);
        assertThatThrownBy(() -> sandbox.run(CommandFixture.in(workdir, "/bin/true")
                        .readOnly(Path.of("/"))
                        .build()))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("refusing to show /");
    }

    /** A secret file in this JVM's ~/.ssh, removed again (with the folder, if the probe made it). */
    private record HomeSshProbe(Path file, String secret, boolean madeFolder) implements AutoCloseable {
        static HomeSshProbe create() throws Exception {
            Path folder = Path.of(System.getProperty("user.home"), ".ssh");
            boolean madeFolder = !Files.isDirectory(folder);
            Files.createDirectories(folder);
            String secret = "PRIVATE-KEY-" + System.nanoTime();
            Path file = folder.resolve("nightshift-probe-" + System.nanoTime());
            Files.writeString(file, secret);
            return new HomeSshProbe(file, secret, madeFolder);
        }

        @Override
        public void close() throws java.io.IOException {
            Files.deleteIfExists(file);
            if (madeFolder) {
                Files.deleteIfExists(file.getParent());
            }
        }
    }
}
