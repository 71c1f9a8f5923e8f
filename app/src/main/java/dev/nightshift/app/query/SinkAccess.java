package dev.nightshift.app.query;

import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.home.NightshiftHome;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the sink lives, for the read-only commands: {@code --sink URL} (or {@code NIGHTSHIFT_SINK_URL}) asks a
 * running sink with {@code NIGHTSHIFT_API_TOKEN} as bearer; without a URL the all-in-one store under
 * {@code $NIGHTSHIFT_HOME/sink} is read directly, so a later command sees what an earlier {@code nightshift run}
 * recorded without any server running, and while a run is writing it (read alongside, see {@link LocalSinkReader}).
 */
public final class SinkAccess {
    static final String URL_ENV = "NIGHTSHIFT_SINK_URL";
    static final String TOKEN_ENV = "NIGHTSHIFT_API_TOKEN";

    @Option(
            names = "--sink",
            paramLabel = "URL",
            description =
                    "A running sink's API (also: NIGHTSHIFT_SINK_URL). Default: read the local store under NIGHTSHIFT_HOME.")
    String url;

    // ErrorReporter looks for --verbose in the arguments; declaring it here lets picocli accept it.
    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    SinkReader open(Terminal terminal) {
        String sinkUrl = sinkUrl(terminal);
        if (sinkUrl != null) {
            return new HttpSinkReader(checked(sinkUrl), terminal.env(TOKEN_ENV));
        }
        return LocalSinkReader.open(localStore(terminal));
    }

    /** True when the answer is the local store and nothing has run with this home yet (there are no runs). */
    boolean nothingStoredYet(Terminal terminal) {
        return sinkUrl(terminal) == null && !LocalSinkReader.exists(localStore(terminal));
    }

    Path localStore(Terminal terminal) {
        return NightshiftHome.resolve(terminal.env()).sink();
    }

    private String sinkUrl(Terminal terminal) {
        return url != null && !url.isBlank() ? url.trim() : terminal.env(URL_ENV);
    }

    private static String checked(String sinkUrl) {
        try {
            URI uri = URI.create(sinkUrl);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return sinkUrl;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw UserError.badInput("--sink '" + sinkUrl + "' is not an http(s) URL; write it like http://127.0.0.1:8480");
    }
}
