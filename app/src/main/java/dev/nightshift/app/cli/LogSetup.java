package dev.nightshift.app.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the logs go and how much of them, decided from the command line and the environment before the first logger
 * exists (the logging library reads its configuration once, at its first use). A service ({@code serve},
 * {@code simulator}) logs to stdout, where {@code docker compose logs} and {@code kubectl logs} read; every other
 * command talks to people on the terminal itself and keeps its log in {@code NIGHTSHIFT_HOME/logs}. The level comes
 * from {@code --log-level}, else {@code NIGHTSHIFT_LOG_LEVEL}, else info.
 */
public final class LogSetup {
    /** The option's name, declared on the top command for every subcommand. */
    public static final String OPTION = "--log-level";

    public static final String ENVIRONMENT = "NIGHTSHIFT_LOG_LEVEL";
    static final String CONFIG_PROPERTY = "log4j2.configurationFile";
    static final String LEVEL_PROPERTY = "nightshift.logLevel";
    static final String SERVICE_CONFIG = "log4j2-serve.xml";
    private static final Set<String> SERVICES = Set.of("serve", "simulator");
    private static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

    private LogSetup() {}

    /**
     * Sets the logging properties for this command line; a property already set (e.g. by a benchmark's own
     * configuration) is left alone.
     *
     * @throws UserError when the level is not one of {@link #LEVELS}, naming where it came from
     */
    public static void configure(List<String> args, Map<String, String> env) {
        if (command(args).filter(SERVICES::contains).isPresent() && System.getProperty(CONFIG_PROPERTY) == null) {
            System.setProperty(CONFIG_PROPERTY, SERVICE_CONFIG);
        }
        level(args, env).ifPresent(level -> System.setProperty(LEVEL_PROPERTY, level.toUpperCase(Locale.ROOT)));
    }

    /** The subcommand: the first argument that is not an option. */
    static Optional<String> command(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(OPTION)) {
                i++;
            } else if (!a.startsWith("-")) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    static Optional<String> level(List<String> args, Map<String, String> env) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(OPTION) && i + 1 < args.size()) {
                return Optional.of(checked(args.get(i + 1), OPTION));
            }
            if (a.startsWith(OPTION + "=")) {
                return Optional.of(checked(a.substring(OPTION.length() + 1), OPTION));
            }
        }
        String fromEnv = env.get(ENVIRONMENT);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(checked(fromEnv, ENVIRONMENT));
    }

    private static String checked(String level, String source) {
        String l = level.trim().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(l)) {
            throw UserError.badInput(
                    source + " '" + level + "' is not a log level; use one of " + String.join(", ", LEVELS));
        }
        return l;
    }
}
