package dev.nightshift.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --branch} and {@code --patch} are checked before the store is read: one line with the reason, exit 2. */
class ExportTargetsTest {
    @TempDir
    Path home;

    @Test
    void aBranchNameGitWouldRefuseIsNamedWithTheRuleAndAValidExample() {
        assertRefused(
                "--branch 'my docs' is not a valid branch name: it contains a space or a control character;"
                        + " pass a name such as nightshift/docs-1",
                "export",
                "r1",
                "--branch",
                "my docs");
        assertRefused(
                "--branch 'a..b' is not a valid branch name: it contains '..'", "export", "r1", "--branch", "a..b");
        assertRefused(
                "--branch 'docs.lock' is not a valid branch name: it ends with",
                "export",
                "r1",
                "--branch",
                "docs.lock");
    }

    @Test
    void aBranchNameStartingWithADashIsRefused() {
        assertRefused("--branch '-f' is not a valid branch name: it starts with '-'", "export", "r1", "--branch=-f");
    }

    @Test
    void aFullRefNameIsRefusedWithTheShortFormAsTheFix() {
        assertRefused(
                "--branch 'refs/heads/docs' is not a valid branch name: give the branch's short name",
                "export",
                "r1",
                "--branch",
                "refs/heads/docs");
    }

    @Test
    void aPatchPathThroughAMissingFolderNamesThatFolder() {
        Path patch = home.resolve("p/../x.patch");

        assertRefused(
                "--patch " + patch + " goes through the folder " + home.resolve("p") + ", which does not exist",
                "export",
                "r1",
                "--patch",
                patch.toString());
        assertThat(home.resolve("p")).doesNotExist();
    }

    @Test
    void aPatchPathUnderAFileNamesTheFile() throws Exception {
        Path file = Files.writeString(home.resolve("notes.txt"), "x");

        assertRefused(
                "cannot be written: " + file + " is a file, not a folder",
                "export",
                "r1",
                "--patch",
                file.resolve("x.patch").toString());
    }

    @Test
    void aPatchPathThatIsAFolderIsRefused() {
        assertRefused("--patch " + home + " is a folder; pass a file name", "export", "r1", "--patch", home.toString());
    }

    private void assertRefused(String expected, String... args) {
        QueryCli r = QueryCli.of(Map.of("NIGHTSHIFT_HOME", home.resolve("home").toString()), args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("error: ")
                .contains(expected);
    }
}
