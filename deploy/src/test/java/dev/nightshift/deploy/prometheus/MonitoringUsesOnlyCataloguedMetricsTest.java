package dev.nightshift.deploy.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.metrics.MetricNames.Meter;
import dev.nightshift.deploy.prometheus.MonitoringQueries.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Dashboards that query names nobody exports show nothing: every name must come from MetricNames. */
class MonitoringUsesOnlyCataloguedMetricsTest {
    /** Labels Prometheus adds to every scraped series, and the histogram bucket bound. */
    private static final Set<String> SCRAPE_LABELS = Set.of("job", "instance", "le", MetricNames.SERVICE);

    /** A gauge's last value over the range may stand between the {@code max by} and the name. */
    private static final String OVER_TIME = "(?:last_over_time\\(\\s*)?";

    private final MonitoringQueries queries = MonitoringQueries.load();
    private final Map<String, Meter> seriesToMeter = new HashMap<>();

    MonitoringUsesOnlyCataloguedMetricsTest() {
        MetricNames.ALL.forEach(m -> m.prometheusSeries().forEach(s -> seriesToMeter.put(s, m)));
    }

    @Test
    void theDashboardHasTheFourViewsAndTheRulesTheSixAlerts() {
        assertThat(queries.dashboard()).hasSizeGreaterThan(20);
        assertThat(queries.rules())
                .extracting(Query::source)
                .containsExactly(
                        "alert NightshiftRunBudgetAbove80Percent",
                        "alert NightshiftDeadLettersGrowing",
                        "alert NightshiftRateLimitedOften",
                        "alert NightshiftProviderOutOfCredit",
                        "alert NightshiftCircuitOpen",
                        "alert NightshiftRunNoProgress");
    }

    @Test
    void everyMetricNameInTheDashboardAndTheRulesIsInTheCatalogue() {
        List<String> unknown = new ArrayList<>();
        for (Query q : queries.all()) {
            Set<String> names = PromQl.metricNames(q.expr());
            assertThat(names)
                    .as("%s selects no metric: %s", q.source(), q.expr())
                    .isNotEmpty();
            names.stream().filter(n -> !seriesToMeter.containsKey(n)).forEach(n -> unknown.add(q.source() + ": " + n));
        }
        assertThat(unknown).as("names not in MetricNames (docs/METRICS.md)").isEmpty();
    }

    @Test
    void everyCataloguedMeterIsShownOrAlertedOn() {
        Set<String> used = new TreeSet<>();
        queries.all().forEach(q -> PromQl.metricNames(q.expr())
                .forEach(n -> used.add(seriesToMeter.get(n).name())));

        assertThat(used)
                .containsExactlyInAnyOrderElementsOf(
                        MetricNames.ALL.stream().map(Meter::name).toList());
    }

    @Test
    void everyLabelAnExpressionFiltersOrGroupsByIsATagOfTheMetersItUses() {
        for (Query q : queries.all()) {
            Set<String> allowed = new TreeSet<>(SCRAPE_LABELS);
            PromQl.metricNames(q.expr())
                    .forEach(n -> allowed.addAll(seriesToMeter.get(n).tagKeys()));
            assertThat(PromQl.groupingLabels(q.expr()))
                    .as("%s groups by labels its meters lack", q.source())
                    .isSubsetOf(allowed);
            PromQl.matcherLabels(q.expr()).forEach((name, labels) -> {
                Set<String> ofMeter = new TreeSet<>(SCRAPE_LABELS);
                ofMeter.addAll(seriesToMeter.get(name).tagKeys());
                assertThat(labels)
                        .as("%s filters %s by labels it lacks", q.source(), name)
                        .isSubsetOf(ofMeter);
            });
        }
    }

    @Test
    void countersAreRatedAndSummedAcrossReplicas() {
        for (Query q : queries.all()) {
            for (String name : PromQl.metricNames(q.expr())) {
                Meter meter = seriesToMeter.get(name);
                boolean cumulative = meter.type() == MetricNames.Type.COUNTER
                        || (meter.type() == MetricNames.Type.TIMER && !name.endsWith("_max"));
                if (cumulative) {
                    // A raw counter depends on restarts and replicas; its rate, summed, does not.
                    assertThat(q.expr())
                            .as("%s uses %s without rate()/increase()", q.source(), name)
                            .containsPattern("(rate|increase|changes)\\(\\s*" + name + "\\b");
                    assertThat(q.expr())
                            .as("%s must sum %s across replicas", q.source(), name)
                            .contains("sum");
                }
                if (meter.combine() == MetricNames.Combine.MAX && !cumulative) {
                    assertThat(q.expr())
                            .as("%s: %s is one shared figure per replica; combine it with max", q.source(), name)
                            .containsPattern("max\\s+by\\s*\\([^)]*\\)\\s*\\(\\s*" + OVER_TIME + name
                                    + "|changes\\(\\s*" + name + "|group by \\(\\w+\\) \\(" + name);
                }
            }
        }
    }

    @Test
    void theAlertUnitTestsFeedSeriesShapedLikeTheCatalogue() throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode tests = new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(dev.nightshift.deploy.RepoFiles.resolve("monitoring/prometheus/rules.test.yml")
                        .toFile());
        int series = 0;
        for (com.fasterxml.jackson.databind.JsonNode test : tests.path("tests")) {
            for (com.fasterxml.jackson.databind.JsonNode input : test.path("input_series")) {
                String selector = input.path("series").asText();
                String name = selector.substring(0, selector.indexOf('{'));
                assertThat(seriesToMeter).as("rules.test.yml series %s", name).containsKey(name);
                Set<String> allowed = new TreeSet<>(SCRAPE_LABELS);
                allowed.addAll(seriesToMeter.get(name).tagKeys());
                assertThat(PromQl.matcherLabels(selector).get(name))
                        .as(selector)
                        .isSubsetOf(allowed)
                        .containsAll(seriesToMeter.get(name).tagKeys());
                series++;
            }
        }
        assertThat(series).isGreaterThan(10);
    }

    @Test
    void theLexerFindsNamesAndLabelsButNotFunctionsVariablesOrKeywords() {
        String expr = "histogram_quantile(0.95, sum by (le, provider) (rate(nightshift_call_duration_seconds_bucket"
                + "{provider=~\"$provider\", outcome!=\"fai{led\"}[$__rate_interval]))) and on (run) foo_bar offset 5m";

        assertThat(PromQl.metricNames(expr)).containsExactly("nightshift_call_duration_seconds_bucket", "foo_bar");
        assertThat(PromQl.groupingLabels(expr)).containsExactly("le", "provider", "run");
        assertThat(PromQl.matcherLabels(expr).get("nightshift_call_duration_seconds_bucket"))
                .containsExactly("provider", "outcome");
    }
}
