package dev.nightshift.deploy.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.deploy.RepoFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PromtoolTest {
    private static final Path DIR = RepoFiles.resolve("monitoring/prometheus");

    @Test
    void thePrometheusConfigPassesPromtool() throws Exception {
        Promtool.Result result = Promtool.run(DIR, "check", "config", "prometheus.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void theAlertRulesPassPromtool() throws Exception {
        Promtool.Result result = Promtool.run(DIR, "check", "rules", "rules.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 6 rules found");
    }

    @Test
    void everyAlertFiresOnItsSituationAndStaysSilentOtherwise() throws Exception {
        // rules.test.yml feeds series shaped exactly like the catalogue's and states which alerts fire.
        Promtool.Result result = Promtool.run(DIR, "test", "rules", "rules.test.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }
}
