package dev.nightshift.validator.sandbox;

import java.nio.file.Path;
import java.util.List;

/** The sandboxes under test, on this machine's bubblewrap. */
final class BubblewrapFixture {
    static final Path BWRAP = Path.of("/usr/bin/bwrap");

    private BubblewrapFixture() {}

    static BubblewrapSandbox bubblewrap(Path scratchRoot) {
        return new BubblewrapSandbox(BWRAP, scratchRoot, List.of());
    }
}
