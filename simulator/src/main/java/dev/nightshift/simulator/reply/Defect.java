package dev.nightshift.simulator.reply;

import java.util.Locale;

/** What is wrong with a simulated model's test, on purpose (see {@link TestDefects}). */
public enum Defect {
    /** A clean test: it compiles, passes every run, and exercises the code. */
    NONE,
    /** It does not compile or import: a misspelled symbol, a missing import, a wrong module path. */
    BUILD_ERROR,
    /** It asserts a wrong value (or the wrong exception), so it fails every run. */
    WRONG_ASSERTION,
    /** One case depends on a random draw, so it passes some runs and fails others. */
    FLAKY,
    /** It tests only what is trivially true (the class or function exists): passes, covers nothing. */
    NO_GAIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
