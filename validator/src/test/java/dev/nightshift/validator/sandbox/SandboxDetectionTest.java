package dev.nightshift.validator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.validator.ValidatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which sandbox the validator gets, and the one line it refuses with when there is none. */
class SandboxDetectionTest {
    @TempDir
    Path home;

    @Test
    void bubblewrapWhenItWorks() throws Exception {
        Sandbox sandbox = Sandboxes.detect(settings(false), BubblewrapFixture.BWRAP);

        assertThat(sandbox).isInstanceOf(BubblewrapSandbox.class);
        assertThat(sandbox.describe()).startsWith("bubblewrap " + BubblewrapFixture.BWRAP);
    }

    @Test
    void refusesInOneLineWhenBubblewrapIsMissing() {
        Path missing = home.resolve("no-such-bwrap");

        assertThatThrownBy(() -> Sandboxes.detect(settings(false), missing))
                .isInstanceOf(SandboxException.class)
                .hasMessage("no sandbox for generated tests: bubblewrap not found at " + missing
                        + "; install bubblewrap (apt-get install bubblewrap) or set validator.allowUnsandboxed: true"
                        + " to run them unconfined");
    }

    @Test
    void refusesInOneLineWhenBubblewrapDoesNotWorkHere() throws Exception {
        Path broken = Files.writeString(
                home.resolve("bwrap"),
                "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\necho 'second line' >&2\nexit 1\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> Sandboxes.detect(settings(false), broken))
                .isInstanceOf(SandboxException.class)
                .hasMessageStartingWith("no sandbox for generated tests: bubblewrap at " + broken
                        + " does not work here (bwrap: No permissions to create new namespace)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void runsUnconfinedOnlyWhenAllowed() throws Exception {
        Sandbox sandbox = Sandboxes.detect(settings(true), home.resolve("no-such-bwrap"));

        assertThat(sandbox).isInstanceOf(UnsandboxedProcess.class);
    }

    private ValidatorSettings settings(boolean allowUnsandboxed) {
        ValidatorSettings defaults = ValidatorSettings.defaults(home);
        return new ValidatorSettings(
                defaults.home(),
                defaults.runs(),
                defaults.testTimeout(),
                defaults.memoryBytes(),
                defaults.maxProcesses(),
                defaults.keepNoGain(),
                allowUnsandboxed,
                defaults.diagnosticChars());
    }
}
