package dev.nightshift.app.cli;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.config.RouterConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares. */
public final class CommonOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "A YAML file merged over the bundled defaults (also: NIGHTSHIFT_CONFIG).")
    Path config;

    @Option(
            names = "--routing",
            paramLabel = "FILE",
            description = "The router's tiered policy (a YAML 'router:' file); default: the bundled tiers.")
    Path routing;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    /** The router's tiered policy: the bundled tiers, or the file given with {@code --routing}. */
    public RouterConfig routerConfig(NightshiftConfig config) {
        return routing == null ? RouterConfigLoader.loadDefault(config) : RouterConfigLoader.load(routing, config);
    }

    public NightshiftConfig loadConfig(Map<String, String> env) {
        Path file = config;
        if (file == null
                && env.get("NIGHTSHIFT_CONFIG") != null
                && !env.get("NIGHTSHIFT_CONFIG").isBlank()) {
            file = Path.of(env.get("NIGHTSHIFT_CONFIG"));
        }
        return ConfigLoader.load(file, env);
    }
}
