package dev.nightshift.validator.runner;

import java.nio.file.Path;

/**
 * A checkout made ready by a {@link ProjectRunner}: what the runner needs to judge candidates fast (a resolved
 * classpath, a virtual environment, installed node modules, the baseline coverage). Runner-specific; the
 * runner that made it is the only one that reads it.
 */
public interface PreparedProject {
    /** The checkout's root. */
    Path root();
}
