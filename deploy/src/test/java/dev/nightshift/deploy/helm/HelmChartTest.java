package dev.nightshift.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.deploy.RepoFiles;
import dev.nightshift.deploy.TopicScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmChartTest {
    private static final Path CHART = RepoFiles.resolve("helm/nightshift");
    private static final String RELEASE = "ns";
    private static final String KUBE_VERSION = "1.31.0";

    @Test
    void theChartPassesStrictLint() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed())
                .as("helm lint --strict: %s", result.getMessages())
                .isFalse();
    }

    @Test
    void withDefaultValuesEveryServiceRunsTheOneImageWithProbesAndNoRoot() throws IOException {
        // When the chart renders with its defaults
        RenderedManifests m = RenderedManifests.parse(render());

        // Then ingest, router and worker are Deployments and the sink a StatefulSet, all of the same image
        for (String component : List.of("ingest", "router", "worker")) {
            JsonNode deployment = m.one("Deployment", "ns-nightshift-" + component);
            assertEssentials(deployment, component, 9400);
        }
        JsonNode sink = m.one("StatefulSet", "ns-nightshift-sink");
        assertEssentials(sink, "sink", 9400);

        // And workers autoscale, so their Deployment leaves replicas to the HPA
        JsonNode hpa = m.one("HorizontalPodAutoscaler", "ns-nightshift-worker");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText())
                .isEqualTo("ns-nightshift-worker");
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isEqualTo(2);
        assertThat(m.one("Deployment", "ns-nightshift-worker").path("spec").has("replicas"))
                .isFalse();

        // And no Prometheus Operator or Grafana objects unless asked for
        assertThat(m.has("ServiceMonitor")).isFalse();
        assertThat(m.has("PrometheusRule")).isFalse();
        assertThat(m.names()).doesNotContain("ConfigMap/ns-nightshift-dashboard");
    }

    @Test
    void theValidatorRunsItsOwnImageWithoutKeysAndMayCreateTheSandboxesNamespaces() throws IOException {
        RenderedManifests m = RenderedManifests.parse(render());

        JsonNode validator = m.one("Deployment", "ns-nightshift-validator");
        JsonNode container = RenderedManifests.container(validator);
        assertThat(container.path("image").asText()).startsWith("nightshift-validator:");
        assertThat(container.path("args").toString())
                .contains("\"serve\"", "\"validator\"", "/var/lib/nightshift/validator");
        assertThat(container.path("env").toString()).doesNotContain("API_KEY");
        assertThat(container
                        .path("securityContext")
                        .path("seccompProfile")
                        .path("type")
                        .asText())
                .isEqualTo("Unconfined");
        assertThat(container
                        .path("securityContext")
                        .path("readOnlyRootFilesystem")
                        .asBoolean())
                .isTrue();
        assertThat(container
                        .path("securityContext")
                        .path("capabilities")
                        .path("drop")
                        .toString())
                .contains("ALL");
        assertThat(validator
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("automountServiceAccountToken")
                        .asBoolean())
                .isFalse();
        assertThat(validator
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("securityContext")
                        .path("runAsNonRoot")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void onlyWorkersGetProviderKeysAndOnlyFromTheExistingSecret() throws IOException {
        RenderedManifests m = RenderedManifests.parse(render());

        JsonNode worker = RenderedManifests.container(m.one("Deployment", "ns-nightshift-worker"));
        Set<String> keyVars = new TreeSet<>();
        for (JsonNode env : worker.path("env")) {
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(ref.path("name").asText()).isEqualTo("nightshift-provider-keys");
                assertThat(ref.path("optional").asBoolean())
                        .as("a provider without a key is just not worked")
                        .isTrue();
                keyVars.add(env.path("name").asText());
            }
            assertThat(env.has("value") && env.path("name").asText().endsWith("_API_KEY"))
                    .as("a key must never be a literal value in a manifest")
                    .isFalse();
        }
        // Every provider of the bundled config can get its key.
        NightshiftConfig defaults = ConfigLoader.loadDefault(Map.of());
        defaults.providers().values().forEach(p -> assertThat(keyVars).contains(p.apiKeyEnv()));
        // The one Secret the chart makes is the sink API's generated token; it never creates one holding keys.
        assertThat(m.all("Secret"))
                .extracting(s -> s.path("metadata").path("name").asText())
                .containsExactly("ns-nightshift-api-token");
        assertThat(m.all("Secret").get(0).path("data").toString()).doesNotContain("API_KEY");

        for (String other : List.of("ingest", "router")) {
            assertThat(RenderedManifests.container(m.one("Deployment", "ns-nightshift-" + other))
                            .path("env")
                            .toString())
                    .doesNotContain("_API_KEY");
        }
        assertThat(RenderedManifests.container(m.one("StatefulSet", "ns-nightshift-sink"))
                        .path("env")
                        .toString())
                .doesNotContain("_API_KEY");
    }

    @Test
    void theSinkKeepsItsRocksDbOnAPersistentVolumeClaim() throws IOException {
        RenderedManifests m = RenderedManifests.parse(render());

        JsonNode sink = m.one("StatefulSet", "ns-nightshift-sink");
        JsonNode claim = sink.path("spec").path("volumeClaimTemplates").get(0);
        assertThat(claim.path("metadata").path("name").asText()).isEqualTo("data");
        assertThat(claim.path("spec")
                        .path("resources")
                        .path("requests")
                        .path("storage")
                        .asText())
                .isEqualTo("10Gi");
        assertThat(claim.path("spec").path("accessModes").get(0).asText()).isEqualTo("ReadWriteOnce");
        JsonNode container = RenderedManifests.container(sink);
        assertThat(mountPath(container, "data")).isEqualTo("/var/lib/nightshift/sink");
        assertThat(args(container)).containsSequence("--data", "/var/lib/nightshift/sink");
        assertThat(port(container, "api")).isEqualTo(8480);

        JsonNode service = m.one("Service", "ns-nightshift-sink");
        assertThat(service.path("spec").path("ports").findValuesAsText("name")).contains("metrics", "api");
    }

    @Test
    void theConfigMapHoldsAValidNightshiftYamlWhoseSinkPortMatchesTheService(@TempDir Path dir) throws IOException {
        RenderedManifests m = RenderedManifests.parse(render());

        String yaml = m.one("ConfigMap", "ns-nightshift-config")
                .path("data")
                .path("nightshift.yaml")
                .asText();
        Path file = Files.writeString(dir.resolve("nightshift.yaml"), yaml);
        NightshiftConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.sink().port())
                .isEqualTo(8480)
                .isEqualTo(port(RenderedManifests.container(m.one("StatefulSet", "ns-nightshift-sink")), "api"));
        assertThat(config.sink().host()).isEqualTo("0.0.0.0");
        for (String component : List.of("ingest", "router", "worker")) {
            JsonNode pod = m.one("Deployment", "ns-nightshift-" + component)
                    .path("spec")
                    .path("template");
            assertThat(pod.path("metadata")
                            .path("annotations")
                            .path("checksum/config")
                            .asText())
                    .hasSize(64);
        }
    }

    @Test
    void nonDefaultValuesReachTheManifests(@TempDir Path dir) throws IOException {
        // Given values a real installation would set
        Path values = Files.writeString(dir.resolve("values.yaml"), """
                image: {repository: registry.example.com/nightshift, tag: "1.2.3", pullPolicy: Always}
                imagePullSecrets: [{name: regcred}]
                kafka: {bootstrapServers: "kafka-0.kafka:9092,kafka-1.kafka:9092"}
                metrics: {port: 9500}
                providerKeys: {existingSecret: llm-keys, keys: {DEEPSEEK_API_KEY: deepseek}}
                serviceMonitor: {enabled: true, interval: 15s, labels: {release: prom}}
                prometheusRule: {enabled: true, labels: {release: prom}}
                grafanaDashboard: {enabled: true}
                worker:
                  autoscaling: {enabled: false}
                  replicas: 5
                router: {enabled: false}
                sink:
                  apiTokenSecret: sink-token
                  persistence: {size: 50Gi, storageClass: fast-ssd}
                config:
                  sink: {host: 0.0.0.0, port: 8480}
                  baseline: openai/gpt-4o-mini
                """);

        // When the chart renders with them
        RenderedManifests m = RenderedManifests.parse(template()
                .withName("prod")
                .withNamespace("batch")
                .withValuesFile(values)
                .call());

        // Then they show up where they belong
        JsonNode workerDeployment = m.one("Deployment", "prod-nightshift-worker");
        assertThat(workerDeployment.path("spec").path("replicas").asInt()).isEqualTo(5);
        assertThat(m.all("HorizontalPodAutoscaler")).isEmpty();
        assertThat(m.names()).noneMatch(n -> n.contains("router"));
        JsonNode worker = RenderedManifests.container(workerDeployment);
        assertThat(worker.path("image").asText()).isEqualTo("registry.example.com/nightshift:1.2.3");
        assertThat(worker.path("imagePullPolicy").asText()).isEqualTo("Always");
        assertThat(workerDeployment
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("imagePullSecrets")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("regcred");
        assertThat(args(worker))
                .containsSequence("--bootstrap", "kafka-0.kafka:9092,kafka-1.kafka:9092")
                .containsSequence("--metrics-port", "9500");
        assertThat(port(worker, "metrics")).isEqualTo(9500);
        JsonNode keyEnv = env(worker, "DEEPSEEK_API_KEY");
        assertThat(keyEnv.path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("llm-keys");
        assertThat(keyEnv.path("valueFrom").path("secretKeyRef").path("key").asText())
                .isEqualTo("deepseek");

        JsonNode sink = m.one("StatefulSet", "prod-nightshift-sink");
        assertThat(RenderedManifests.container(sink).path("env").toString())
                .contains("sink-token", "NIGHTSHIFT_API_TOKEN");
        assertThat(args(RenderedManifests.container(sink))).doesNotContain("--no-auth");
        assertThat(m.all("Secret"))
                .as("a given token Secret is used, none generated")
                .isEmpty();
        JsonNode claim = sink.path("spec").path("volumeClaimTemplates").get(0).path("spec");
        assertThat(claim.path("storageClassName").asText()).isEqualTo("fast-ssd");
        assertThat(claim.path("resources").path("requests").path("storage").asText())
                .isEqualTo("50Gi");

        JsonNode monitor = m.one("ServiceMonitor", "prod-nightshift");
        for (JsonNode service : m.all("Service")) {
            JsonNode labels = service.path("metadata").path("labels");
            monitor.path("spec")
                    .path("selector")
                    .path("matchLabels")
                    .properties()
                    .forEach(e -> assertThat(labels.path(e.getKey()).asText())
                            .as(
                                    "the ServiceMonitor selects %s",
                                    service.path("metadata").path("name").asText())
                            .isEqualTo(e.getValue().asText()));
        }
        assertThat(monitor.path("metadata").path("labels").path("release").asText())
                .isEqualTo("prom");
        assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText())
                .isEqualTo("metrics");
        assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText())
                .isEqualTo("/metrics");
        assertThat(monitor.path("spec")
                        .path("endpoints")
                        .get(0)
                        .path("interval")
                        .asText())
                .isEqualTo("15s");

        // The alert rules and the dashboard, as tested in monitoring/, for the Prometheus Operator and Grafana's
        // sidecar
        com.fasterxml.jackson.databind.ObjectMapper yamlMapper = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        JsonNode rule = m.one("PrometheusRule", "prod-nightshift");
        assertThat(rule.path("metadata").path("labels").path("release").asText())
                .isEqualTo("prom");
        assertThat(rule.path("spec").path("groups"))
                .isEqualTo(yamlMapper
                        .readTree(RepoFiles.resolve("monitoring/prometheus/rules.yml")
                                .toFile())
                        .path("groups"));
        JsonNode dashboard = m.one("ConfigMap", "prod-nightshift-dashboard");
        assertThat(dashboard
                        .path("metadata")
                        .path("labels")
                        .path("grafana_dashboard")
                        .asText())
                .isEqualTo("1");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(dashboard.path("data").path("nightshift.json").asText()))
                .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(RepoFiles.resolve("monitoring/grafana/dashboards/nightshift.json")
                                .toFile()));

        String yaml = m.one("ConfigMap", "prod-nightshift-config")
                .path("data")
                .path("nightshift.yaml")
                .asText();
        NightshiftConfig config = ConfigLoader.load(Files.writeString(dir.resolve("nightshift.yaml"), yaml), Map.of());
        assertThat(config.baseline().toString()).isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    void everyWorkloadSelectsItsOwnPodsAndEveryServiceAndTheAutoscalerFindTheirTarget() throws IOException {
        RenderedManifests m = RenderedManifests.parse(render());

        List<JsonNode> workloads = new ArrayList<>(m.all("Deployment"));
        workloads.addAll(m.all("StatefulSet"));
        assertThat(workloads).hasSize(5);
        for (JsonNode workload : workloads) {
            JsonNode podLabels =
                    workload.path("spec").path("template").path("metadata").path("labels");
            workload.path("spec")
                    .path("selector")
                    .path("matchLabels")
                    .properties()
                    .forEach(e -> assertThat(podLabels.path(e.getKey()).asText())
                            .as(
                                    "%s selects its pods by %s",
                                    workload.path("metadata").path("name").asText(), e.getKey())
                            .isEqualTo(e.getValue().asText()));
            JsonNode pod = workload.path("spec").path("template").path("spec");
            assertThat(pod.path("serviceAccountName").asText())
                    .isEqualTo(m.all("ServiceAccount")
                            .get(0)
                            .path("metadata")
                            .path("name")
                            .asText());
            JsonNode container = RenderedManifests.container(workload);
            for (JsonNode port : container.path("ports")) {
                assertThat(port.path("name").asText()).hasSizeLessThanOrEqualTo(15);
            }
            Set<String> volumes = new TreeSet<>(pod.path("volumes").findValuesAsText("name"));
            workload.path("spec")
                    .path("volumeClaimTemplates")
                    .forEach(c -> volumes.add(c.path("metadata").path("name").asText()));
            container.path("volumeMounts").forEach(mount -> assertThat(volumes)
                    .contains(mount.path("name").asText()));
        }
        for (JsonNode service : m.all("Service")) {
            JsonNode selector = service.path("spec").path("selector");
            long matches = workloads.stream()
                    .filter(w -> {
                        JsonNode labels =
                                w.path("spec").path("template").path("metadata").path("labels");
                        for (var e : selector.properties()) {
                            if (!labels.path(e.getKey())
                                    .asText()
                                    .equals(e.getValue().asText())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .count();
            assertThat(matches)
                    .as(
                            "pods behind Service %s",
                            service.path("metadata").path("name").asText())
                    .isEqualTo(1);
        }
        JsonNode hpaTarget = m.one("HorizontalPodAutoscaler", "ns-nightshift-worker")
                .path("spec")
                .path("scaleTargetRef");
        assertThat(m.one(hpaTarget.path("kind").asText(), hpaTarget.path("name").asText()))
                .isNotNull();
    }

    @Test
    void theSinkDemandsATokenByDefaultFromASecretTheChartGeneratesAndKeeps() throws IOException {
        RenderedManifests m = RenderedManifests.parse(render());

        JsonNode sink = RenderedManifests.container(m.one("StatefulSet", "ns-nightshift-sink"));
        assertThat(args(sink)).doesNotContain("--no-auth");
        JsonNode ref = env(sink, "NIGHTSHIFT_API_TOKEN").path("valueFrom").path("secretKeyRef");
        assertThat(ref.path("name").asText()).isEqualTo("ns-nightshift-api-token");
        assertThat(ref.path("key").asText()).isEqualTo("NIGHTSHIFT_API_TOKEN");
        assertThat(ref.path("optional").asBoolean(false))
                .as("a missing token must stop the pod, not open the API")
                .isFalse();
        String token = new String(
                java.util.Base64.getDecoder()
                        .decode(m.one("Secret", "ns-nightshift-api-token")
                                .path("data")
                                .path("NIGHTSHIFT_API_TOKEN")
                                .asText()),
                StandardCharsets.UTF_8);
        assertThat(token).hasSize(40).matches("[A-Za-z0-9]+");
        // Generated with randAlphaNum, read back with lookup on upgrades so the token survives them.
        String template = Files.readString(CHART.resolve("templates/secret-api-token.yaml"));
        assertThat(template).contains("randAlphaNum 40", "lookup \"v1\" \"Secret\" .Release.Namespace");

        // Open only when asked for explicitly.
        RenderedManifests open = RenderedManifests.parse(
                template().withName(RELEASE).set("sink.insecureNoAuth", true).call());
        JsonNode openSink = RenderedManifests.container(open.one("StatefulSet", "ns-nightshift-sink"));
        assertThat(args(openSink)).contains("--no-auth");
        assertThat(openSink.path("env").toString()).doesNotContain("NIGHTSHIFT_API_TOKEN");
        assertThat(open.all("Secret")).isEmpty();
    }

    @Test
    void theSinkStatefulSetIsGovernedByAHeadlessServiceBesideTheNormalOne() throws IOException {
        RenderedManifests m = RenderedManifests.parse(render());

        JsonNode statefulSet = m.one("StatefulSet", "ns-nightshift-sink");
        String governing = statefulSet.path("spec").path("serviceName").asText();
        assertThat(governing).isEqualTo("ns-nightshift-sink-headless");
        JsonNode headless = m.one("Service", governing);
        assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(headless.path("spec").path("selector"))
                .isEqualTo(statefulSet.path("spec").path("selector").path("matchLabels"));
        // No metrics port on it: a ServiceMonitor over every Service must not scrape the sink twice.
        assertThat(headless.path("spec").path("ports").findValuesAsText("name")).containsExactly("api");
        JsonNode normal = m.one("Service", "ns-nightshift-sink");
        assertThat(normal.path("spec").path("clusterIP").asText("")).isNotEqualTo("None");
    }

    @Test
    void anEmptyKafkaAddressFailsTheRenderWithWhatToSet(@TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("values.yaml"), "kafka: {bootstrapServers: \"\"}\n");

        assertThatThrownBy(() ->
                        template().withName(RELEASE).withValuesFile(values).call())
                .hasMessageContaining("kafka.bootstrapServers is empty: set it to your Kafka's bootstrap servers");
    }

    @Test
    void theTopicJobCreatesExactlyTheTopicTableOfTheCodeBeforeTheServicesStart() throws IOException {
        // By default the Job is a pre-install/pre-upgrade hook, which `helm template` through helm-java leaves out
        // of its output: render it as an ordinary Job to read it, and check the hook in the template itself.
        assertThat(RenderedManifests.parse(render()).has("Job")).isFalse();
        String template = Files.readString(CHART.resolve("templates/job-topics.yaml"));
        assertThat(template).contains("{{- if .Values.topics.hook }}", "helm.sh/hook: pre-install,pre-upgrade");
        RenderedManifests m = RenderedManifests.parse(
                template().withName(RELEASE).set("topics.hook", false).call());

        JsonNode job = m.one("Job", "ns-nightshift-topics");
        assertThat(job.path("metadata").has("annotations")).isFalse();
        JsonNode pod = job.path("spec").path("template").path("spec");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("image").asText()).isEqualTo("apache/kafka:4.4.0");
        assertThat(env(container, "BOOTSTRAP").path("value").asText()).isEqualTo("kafka:9092");
        assertThat(container
                        .path("securityContext")
                        .path("readOnlyRootFilesystem")
                        .asBoolean())
                .isTrue();

        String script = container.path("args").get(0).asText();
        NightshiftConfig defaults = ConfigLoader.loadDefault(Map.of());
        assertThat(TopicScript.parse(script))
                .isEqualTo(TopicScript.expected(defaults.providers().keySet()));
        for (String provider : defaults.providers().keySet()) {
            assertThat(script)
                    .contains(
                            "--entity-name " + Topics.workerGroup(provider),
                            "errors.deadletterqueue.topic.name=" + Topics.deadLetters(provider),
                            "share.auto.offset.reset=earliest");
        }
        assertThat(script).doesNotContain("--replication-factor");

        RenderedManifests off = RenderedManifests.parse(template()
                .withName(RELEASE)
                .set("topics.hook", false)
                .set("topics.create", false)
                .call());
        assertThat(off.has("Job")).isFalse();
    }

    @Test
    void theChartShipsExactlyTheRulesAndDashboardThatMonitoringTests() throws IOException {
        // Helm can only read files inside the chart, so they are copies; a copy that drifts is a bug.
        assertThat(Files.readString(CHART.resolve("files/rules.yml")))
                .isEqualTo(Files.readString(RepoFiles.resolve("monitoring/prometheus/rules.yml")));
        assertThat(Files.readString(CHART.resolve("files/nightshift.json")))
                .isEqualTo(Files.readString(RepoFiles.resolve("monitoring/grafana/dashboards/nightshift.json")));
    }

    @Test
    void everyKeyOfValuesYamlIsDocumented() throws IOException {
        List<String> lines = Files.readAllLines(CHART.resolve("values.yaml"));
        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.matches("\\s*[A-Za-z][A-Za-z0-9_]*:.*")) {
                String previous = i == 0 ? "" : lines.get(i - 1).trim();
                boolean commented = previous.startsWith("#") || line.contains(" # ");
                if (!commented) {
                    undocumented.add((i + 1) + ": " + line.trim());
                }
            }
        }
        assertThat(undocumented)
                .as("keys of values.yaml without a comment above them")
                .isEmpty();
    }

    /** helm template defaults to Kubernetes 1.20; render for a current cluster, as install would. */
    private static com.marcnuri.helm.TemplateCommand template() {
        return new Helm(CHART).template().withKubeVersion(KUBE_VERSION);
    }

    private static String render() {
        return template().withName(RELEASE).call();
    }

    private static void assertEssentials(JsonNode workload, String component, int metricsPort) {
        JsonNode pod = workload.path("spec").path("template").path("spec");
        JsonNode container = RenderedManifests.container(workload);
        assertThat(container.path("image").asText()).isEqualTo("nightshift:0.1.0");
        assertThat(args(container))
                .startsWith("serve", component)
                .containsSequence("--bootstrap", "kafka:9092")
                .containsSequence("--config", "/etc/nightshift/nightshift.yaml");
        assertThat(port(container, "metrics")).isEqualTo(metricsPort);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health/ready");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health/live");
        assertThat(container.path("livenessProbe").path("httpGet").path("port").asText())
                .isEqualTo("metrics");
        // Non-root, read-only root file system, writable /tmp and NIGHTSHIFT_HOME only.
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        JsonNode sc = container.path("securityContext");
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(sc.path("capabilities").path("drop").get(0).asText()).isEqualTo("ALL");
        assertThat(mountPath(container, "tmp")).isEqualTo("/tmp");
        assertThat(mountPath(container, "home")).isEqualTo("/var/lib/nightshift");
        assertThat(mountPath(container, "config")).isEqualTo("/etc/nightshift");
        assertThat(container.path("resources").path("requests").path("memory").asText())
                .isNotBlank();
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no env " + name + " in " + container.path("env"));
    }

    private static List<String> args(JsonNode container) {
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    private static int port(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no port " + name + " in " + container.path("ports"));
    }

    private static String mountPath(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asText().equals(volume)) {
                return m.path("mountPath").asText();
            }
        }
        throw new AssertionError("no mount of " + volume + " in " + container.path("volumeMounts"));
    }
}
