package dev.nightshift.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.metrics.MetricNames.Meter;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricCatalogueTest {
    private static final Pattern SERIES_LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

    @Test
    void everyPrometheusNameInTheCatalogueIsExactlyWhatMicrometerExposes() {
        // Given every catalogue meter registered in a real Micrometer Prometheus registry
        CatalogueRegistry catalogue = new CatalogueRegistry();

        // When Prometheus would scrape it
        Set<String> scraped = seriesNames(catalogue.scrape());

        // Then the catalogue's series names are exactly the scraped ones, no more, no fewer
        Set<String> expected = new TreeSet<>();
        MetricNames.ALL.forEach(m -> expected.addAll(m.prometheusSeries()));
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void noMeterCanBeTaggedWithAJobIdAPathOrAKey() {
        // Given the meter that is tagged most (attempts) and the run-labelled one
        Meter attempts = MetricNames.ATTEMPTS;
        Meter progress = MetricNames.RUN_JOBS_PLANNED;

        // Then work-item ids, paths and key-shaped values are refused, bounded ids accepted
        assertThatThrownBy(() -> attempts.requireSafeTag("jobId", "j-0123456789abcdef0123456789abcdef"))
                .hasMessageContaining("has no tag 'jobId'");
        assertThatThrownBy(() -> attempts.requireSafeTag(MetricNames.PROVIDER, "j-0123456789abcdef0123456789abcdef"))
                .hasMessageContaining("not a bounded id");
        assertThatThrownBy(() -> attempts.requireSafeTag(MetricNames.TASK, "src/main/java/Foo.java"))
                .hasMessageContaining("not a bounded id");
        assertThatThrownBy(() -> attempts.requireSafeTag(MetricNames.PROVIDER, "sk-live-abcdefghijklmnop"))
                .hasMessageContaining("not a key")
                .message()
                .doesNotContain("sk-live");
        assertThatThrownBy(() -> attempts.requireSafeTag(MetricNames.RUN, "r-20261130-031500-4f2a"))
                .hasMessageContaining("has no tag 'run'");
        progress.requireSafeTag(MetricNames.RUN, "r-20261130-031500-4f2a");
        attempts.requireSafeTag(MetricNames.MODEL, "qwen2.5-coder");
        attempts.requireSafeTag(
                MetricNames.FAILURE_CLASS, MetricNames.tagValue(dev.nightshift.core.event.FailureClass.RATE_LIMITED));
    }

    @Test
    void aScrapeOfCataloguedMetersHasNoViolations() {
        // Given a registry as a worker fills it (both outcomes, all states, histogram buckets with le)
        String scrape = new CatalogueRegistry().scrape();

        // Then the scrape check finds nothing to complain about
        assertThat(scrape).contains("le=\"");
        assertThat(MetricNames.violations(scrape)).isEmpty();
    }

    @Test
    void aScrapeWithAJobIdAPathOrAKeyAsALabelIsCaught() {
        // Given an exposition where someone tagged by job, path and key, and invented a metric
        String scrape = """
                # HELP nightshift_attempts_total Provider calls that ended.
                # TYPE nightshift_attempts_total counter
                nightshift_attempts_total{job_id="j-0123456789abcdef0123456789abcdef",provider="deepseek"} 1.0
                nightshift_tokens_total{bucket="output",model="m",provider="deepseek",task="src/Main.java"} 5.0
                nightshift_rate_limited_total{model="m",provider="sk-proj-abc\\"def"} 1.0
                nightshift_made_up_total{provider="deepseek"} 1.0
                jvm_memory_used_bytes{area="heap"} 1.0
                """;

        // When it is checked
        java.util.List<String> violations = MetricNames.violations(scrape);

        // Then each offence is named, the JVM's own metric is left alone, and the key never echoed
        assertThat(violations).hasSize(4);
        assertThat(violations.get(0)).contains("nightshift_attempts_total", "has no tag 'job_id'");
        assertThat(violations.get(1)).contains("nightshift_tokens_total", "'task'", "not a bounded id");
        assertThat(violations.get(2))
                .contains("nightshift_rate_limited_total", "not a key")
                .doesNotContain("sk-proj");
        assertThat(violations.get(3)).isEqualTo("nightshift_made_up_total: not in MetricNames");
    }

    @Test
    void everyMeterUsesOnlyTheBoundedTagKeysAndOnlyRunMetersCarryTheRunId() {
        for (Meter meter : MetricNames.ALL) {
            assertThat(MetricNames.TAG_KEYS).containsAll(meter.tagKeys());
            assertThat(meter.tagKeys()).doesNotContain("job", "job_id", "jobId", "path", "file", "key", "api_key");
            if (meter.tagKeys().contains(MetricNames.RUN)) {
                assertThat(meter.name()).startsWith("nightshift.run.");
            }
        }
        assertThatThrownBy(() -> new Meter(
                        "nightshift.jobs.by.run",
                        MetricNames.Type.COUNTER,
                        null,
                        false,
                        MetricNames.Combine.SUM,
                        "sink",
                        "x",
                        Set.of(MetricNames.RUN)))
                .hasMessageContaining("only nightshift.run.* meters may carry the run tag");
    }

    @Test
    void meterNamesAndPrometheusNamesAreUnique() {
        assertThat(MetricNames.ALL.stream().map(Meter::name)).doesNotHaveDuplicates();
        assertThat(MetricNames.ALL.stream().flatMap(m -> m.prometheusSeries().stream()))
                .doesNotHaveDuplicates();
    }

    @Test
    void docsMetricsListsEveryMeterWithItsPrometheusSeries() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(dev.nightshift.deploy.RepoFiles.resolve("docs/METRICS.md"));

        for (Meter meter : MetricNames.ALL) {
            assertThat(doc).contains("`" + meter.name() + "`");
            meter.prometheusSeries().forEach(series -> assertThat(doc).contains("`" + series + "`"));
        }
    }

    static Set<String> seriesNames(String exposition) {
        Set<String> names = new TreeSet<>();
        Matcher m = SERIES_LINE.matcher(exposition);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
