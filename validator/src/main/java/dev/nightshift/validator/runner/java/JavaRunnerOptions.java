package dev.nightshift.validator.runner.java;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the Java runner prepares checkouts.
 *
 * @param maven           the Maven command ({@code mvn} from the PATH by default)
 * @param mavenArgs       extra arguments for every Maven call (e.g. {@code -o}, {@code -s settings.xml})
 * @param buildTimeout    longest {@code mvn test-compile} of one checkout
 * @param baselineTimeout longest run of one module's existing tests
 */
public record JavaRunnerOptions(String maven, List<String> mavenArgs, Duration buildTimeout, Duration baselineTimeout) {
    public JavaRunnerOptions {
        Objects.requireNonNull(maven, "maven");
        mavenArgs = List.copyOf(mavenArgs);
        Objects.requireNonNull(buildTimeout, "buildTimeout");
        Objects.requireNonNull(baselineTimeout, "baselineTimeout");
    }

    public static JavaRunnerOptions defaults() {
        return new JavaRunnerOptions("mvn", List.of(), Duration.ofMinutes(30), Duration.ofMinutes(30));
    }

    public JavaRunnerOptions withMavenArgs(String... args) {
        return new JavaRunnerOptions(maven, List.of(args), buildTimeout, baselineTimeout);
    }
}
