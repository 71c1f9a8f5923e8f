package dev.nightshift.validator.sandbox;

import dev.nightshift.validator.ValidatorSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the sandbox generated tests run in, once, at start-up. */
public final class Sandboxes {
    private static final Logger LOG = LoggerFactory.getLogger(Sandboxes.class);

    private Sandboxes() {}

    /** {@link #detect(ValidatorSettings, Path)} with bubblewrap at {@link BubblewrapSandbox#DEFAULT_BWRAP}. */
    public static Sandbox detect(ValidatorSettings settings) throws SandboxException {
        return detect(settings, BubblewrapSandbox.DEFAULT_BWRAP);
    }

    /**
     * Bubblewrap when it is installed and works here (probed with a trivial command); otherwise, only when
     * {@code settings.allowUnsandboxed()}, the unsandboxed runner with a warning.
     *
     * @throws SandboxException with a one-line message saying what to do, when there is no sandbox and
     *                          running unconfined is not allowed
     */
    public static Sandbox detect(ValidatorSettings settings, Path bwrap) throws SandboxException {
        BubblewrapSandbox bubblewrap =
                new BubblewrapSandbox(bwrap, settings.home().resolve("sandbox"), List.of(settings.home()));
        Optional<String> problem = bubblewrap.probe();
        if (problem.isEmpty()) {
            return bubblewrap;
        }
        if (settings.allowUnsandboxed()) {
            LOG.warn("running generated tests UNSANDBOXED (validator.allowUnsandboxed: true): {}", problem.get());
            return new UnsandboxedProcess();
        }
        throw new SandboxException(
                "no sandbox for generated tests: " + problem.get()
                        + "; install bubblewrap (apt-get install bubblewrap) or set validator.allowUnsandboxed: true to run them"
                        + " unconfined",
                null);
    }
}
