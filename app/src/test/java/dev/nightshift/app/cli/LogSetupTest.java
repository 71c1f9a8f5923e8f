package dev.nightshift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which command a command line runs and at what log level, read before any logger exists. */
class LogSetupTest {
    @Test
    void findsTheCommandPastTheTopLevelOptions() {
        assertThat(LogSetup.command(List.of("--log-level", "debug", "serve", "sink")))
                .contains("serve");
        assertThat(LogSetup.command(List.of("run", ".", "--task", "docs"))).contains("run");
        assertThat(LogSetup.command(List.of("--help"))).isEmpty();
    }

    @Test
    void theFlagWinsOverTheEnvironmentAndEitherIsChecked() {
        Map<String, String> env = Map.of(LogSetup.ENVIRONMENT, "warn");

        assertThat(LogSetup.level(List.of("serve", "sink", "--log-level", "DEBUG"), env))
                .contains("debug");
        assertThat(LogSetup.level(List.of("serve", "sink", "--log-level=trace"), env))
                .contains("trace");
        assertThat(LogSetup.level(List.of("serve", "sink"), env)).contains("warn");
        assertThat(LogSetup.level(List.of("status"), Map.of())).isEmpty();
        assertThatThrownBy(() -> LogSetup.level(List.of("serve", "--log-level", "loud"), Map.of()))
                .isInstanceOf(UserError.class)
                .hasMessage("--log-level 'loud' is not a log level; use one of error, warn, info, debug, trace");
        assertThatThrownBy(() -> LogSetup.level(List.of("serve"), Map.of(LogSetup.ENVIRONMENT, "verbose")))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("NIGHTSHIFT_LOG_LEVEL 'verbose' is not a log level");
    }
}
