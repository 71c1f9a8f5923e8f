package dev.nightshift.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.deploy.RepoFiles;
import dev.nightshift.deploy.TopicScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine runs here, so docker-compose.yml is checked for what `docker compose up` would trip over. */
class DockerComposeTest {
    private static final Set<String> NIGHTSHIFT_SERVICES =
            Set.of("ingest", "router", "worker-1", "worker-2", "validator", "sink");
    /** Services of the dry-run profile, which only `docker compose --profile dry-run` starts. */
    private static final Set<String> DRY_RUN_SERVICES = Set.of("simulator", "worker-dry-run");

    private static final Set<String> SERVE_NAMES = Set.of("ingest", "router", "worker", "validator", "sink");
    /**
     * Variables the CLI reads itself (ServeCommand), not config keys. Core's EnvOverrides must list them as
     * reserved, or ConfigLoader refuses them as "names no config key".
     */
    private static final int METRICS_PORT = 9400;

    private final Compose compose = Compose.load(RepoFiles.resolve("docker-compose.yml"));
    private final NightshiftConfig defaults = ConfigLoader.loadDefault(Map.of());

    @Test
    void itRunsKafkaTopicsFiveServicesTwoWorkersPrometheusAndGrafana() {
        assertThat(compose.services().keySet())
                .containsExactlyInAnyOrder(
                        "kafka",
                        "kafka-init",
                        "ingest",
                        "router",
                        "worker-1",
                        "worker-2",
                        "validator",
                        "sink",
                        "prometheus",
                        "grafana",
                        "simulator",
                        "worker-dry-run");
        // Without a profile, everything but the dry run starts, as before.
        compose.services().keySet().forEach(name -> assertThat(
                        compose.service(name).get("profiles"))
                .as("profiles of %s", name)
                .isEqualTo(DRY_RUN_SERVICES.contains(name) ? List.of("dry-run") : null));
    }

    @Test
    void theDryRunProfileRunsTheSimulatorAndAWorkerPointedAtItWithDummyKeys() {
        // The simulator: the same image, listening on every interface of its container on 8090.
        List<String> simulator = compose.command("simulator");
        assertThat(simulator).containsExactly("simulator", "--port", "8090", "--host", "0.0.0.0");
        assertThat(compose.service("simulator").get("image")).isEqualTo("nightshift:local");
        assertThat(compose.service("simulator").get("ports"))
                .as("the simulator accepts any key: never published")
                .isNull();

        // The dry-run worker: every provider's baseUrl at the simulator's path for its protocol
        // (ProviderSimulator.baseUrlFor), and a dummy key for every provider, so it works them all.
        Map<String, String> env = compose.environment("worker-dry-run");
        assertThat(compose.command("worker-dry-run")).containsExactly("serve", "worker");
        defaults.providers().forEach((id, provider) -> {
            String suffix =
                    switch (provider.protocol().name().toLowerCase(java.util.Locale.ROOT)) {
                        case "openai" -> "/v1";
                        case "gemini" -> "/v1beta";
                        case "anthropic" -> "";
                        default -> throw new AssertionError("protocol " + provider.protocol());
                    };
            assertThat(env.get("NIGHTSHIFT_PROVIDERS_"
                            + id.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_BASEURL"))
                    .as("baseUrl of %s", id)
                    .isEqualTo("http://simulator:8090/" + id + suffix);
            assertThat(env.get(provider.apiKeyEnv()))
                    .as("dummy %s", provider.apiKeyEnv())
                    .isEqualTo("dry-run");
        });
        NightshiftConfig config = ConfigLoader.loadDefault(env);
        assertThat(config.providers().get("deepseek").baseUrl().toString())
                .isEqualTo("http://simulator:8090/deepseek/v1");
        Map<String, Object> dependsOn =
                Compose.map(compose.service("worker-dry-run").get("depends_on"));
        assertThat(Compose.map(dependsOn.get("simulator")).get("condition")).isEqualTo("service_healthy");
        assertThat(Compose.map(dependsOn.get("kafka-init")).get("condition"))
                .isEqualTo("service_completed_successfully");

        // The real workers are unchanged: keys from the environment, the providers' own URLs.
        for (String worker : List.of("worker-1", "worker-2")) {
            assertThat(compose.environment(worker).keySet()).noneMatch(k -> k.endsWith("_BASEURL"));
        }
    }

    @Test
    void theSinkTokenIsRequiredWithAClearMessageAndTheDocsSaySo() throws IOException {
        // One rule everywhere: `serve sink` demands a bearer token, so compose refuses to start without one, saying
        // why.
        String token = compose.environment("sink").get("NIGHTSHIFT_API_TOKEN");
        assertThat(token)
                .startsWith("${NIGHTSHIFT_API_TOKEN:?set NIGHTSHIFT_API_TOKEN ")
                .contains("required");
        assertThat(compose.command("sink")).doesNotContain("--no-auth");
        String docs = Files.readString(RepoFiles.resolve("docs/DEPLOYMENT.md"));
        String readme = Files.readString(RepoFiles.resolve("README.md"));
        String readmeDeployment = readme.substring(readme.indexOf("## Deployment"));
        readmeDeployment = readmeDeployment.substring(
                0,
                readmeDeployment.indexOf("\n## ", 5) < 0
                        ? readmeDeployment.length()
                        : readmeDeployment.indexOf("\n## ", 5));
        for (String text : List.of(docs, readmeDeployment)) {
            assertThat(text)
                    .contains("`NIGHTSHIFT_API_TOKEN` is required")
                    .doesNotContainIgnoringCase("token is optional")
                    .doesNotContain("set `NIGHTSHIFT_API_TOKEN` to require a token");
        }
        assertThat(docs).contains("--profile dry-run", "http://simulator:8090/", "randAlphaNum", "sink.insecureNoAuth");
    }

    @Test
    void everyNightshiftServiceHasAHealthCheckOnReadyThatItsImageCanRun() throws IOException {
        String dockerfile = Files.readString(RepoFiles.resolve("Dockerfile"));
        // Nothing installs curl or wget, so the check must not need them; bash comes with both (Ubuntu) bases.
        assertThat(dockerfile).doesNotContain("curl", "wget");
        assertThat(dockerfile)
                .contains("ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17", "ARG RUNTIME_IMAGE=eclipse-temurin:17-jre");
        for (String name : NIGHTSHIFT_SERVICES) {
            Map<String, Object> check = Compose.map(compose.service(name).get("healthcheck"));
            @SuppressWarnings("unchecked")
            List<String> test = (List<String>) check.get("test");
            assertThat(test.subList(0, 3)).as("health check of %s", name).containsExactly("CMD", "bash", "-c");
            assertThat(test.get(3))
                    .contains("/dev/tcp/127.0.0.1/" + METRICS_PORT, "GET /health/ready HTTP/1.0", "' 200 '")
                    .doesNotContain("curl", "wget");
            assertThat(check).containsKeys("interval", "timeout", "retries", "start_period");
        }
        // The simulator serves no /health; it is up when its port accepts connections.
        @SuppressWarnings("unchecked")
        List<String> simulator = (List<String>)
                Compose.map(compose.service("simulator").get("healthcheck")).get("test");
        assertThat(simulator.get(3)).contains("/dev/tcp/127.0.0.1/8090");
    }

    @Test
    void kafkaInitCreatesExactlyTheTopicTableOfTheCode() {
        Map<String, String> env = compose.environment("kafka-init");
        String script = String.join("\n", compose.command("kafka-init"));
        // Unroll the provider loop, as bash would.
        StringBuilder unrolled = new StringBuilder();
        List<String> loop = new ArrayList<>();
        boolean inLoop = false;
        for (String line : script.split("\n")) {
            if (line.trim().startsWith("for p in $$PROVIDERS")) {
                inLoop = true;
            } else if (inLoop && line.trim().equals("done")) {
                inLoop = false;
                for (String p : env.get("PROVIDERS").split(" ")) {
                    loop.forEach(l -> unrolled.append(
                                    l.replace("$$p", p).replace("$$LANE_PARTITIONS", env.get("LANE_PARTITIONS")))
                            .append('\n'));
                }
            } else if (inLoop) {
                loop.add(line);
            } else {
                unrolled.append(line).append('\n');
            }
        }
        assertThat(env.get("LANE_PARTITIONS")).isEqualTo(String.valueOf(Topics.LANE_PARTITIONS));
        assertThat(TopicScript.parse(unrolled.toString()))
                .isEqualTo(TopicScript.expected(List.of(env.get("PROVIDERS").split(" "))));
    }

    @Test
    void everyServiceHasAPinnedImageOrABuildThatExists() {
        compose.services().keySet().forEach(name -> {
            Map<String, Object> service = compose.service(name);
            String image = (String) service.get("image");
            assertThat(image).as("image of %s", name).isNotBlank();
            if (NIGHTSHIFT_SERVICES.contains(name) || DRY_RUN_SERVICES.contains(name)) {
                // One image for all, built from the Dockerfile at the root; the validator's adds the toolchains
                // of the repositories it validates (the Dockerfile's validator target).
                Map<String, Object> build = Compose.map(service.get("build"));
                assertThat(image)
                        .isEqualTo(name.equals("validator") ? "nightshift-validator:local" : "nightshift:local");
                assertThat(build.get("target")).isEqualTo(name.equals("validator") ? "validator" : null);
                Path context =
                        RepoFiles.root().resolve((String) build.get("context")).normalize();
                assertThat(context.resolve((String) build.get("dockerfile"))).isRegularFile();
            } else {
                assertThat(image)
                        .as("%s pins a version", name)
                        .matches("[a-z0-9./-]+:[A-Za-z0-9._-]+")
                        .doesNotEndWith(":latest");
            }
        });
        assertThat(compose.service("kafka").get("image")).isEqualTo("apache/kafka:4.4.0");
        assertThat(compose.service("kafka-init").get("image")).isEqualTo("apache/kafka:4.4.0");
    }

    @Test
    void kafkaIsASingleKraftNodeWhoseShareGroupsWork() {
        Map<String, String> env = compose.environment("kafka");

        assertThat(env)
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "1")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_ERRORS_DEADLETTERQUEUE_TOPIC_NAME_PREFIX", Topics.DLQ_PREFIX);
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).startsWith(env.get("KAFKA_NODE_ID") + "@kafka:");
        // kafka-storage format refuses anything but 16 bytes in base64url.
        assertThat(Base64.getUrlDecoder().decode(env.get("CLUSTER_ID"))).hasSize(16);
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
    }

    @Test
    void everyNightshiftServiceServesFromTheAdvertisedKafkaAndLoadsTheConfig() {
        String advertised = compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS");
        Set<String> served = new TreeSet<>(NIGHTSHIFT_SERVICES);
        served.add("worker-dry-run");
        for (String name : served) {
            List<String> command = compose.command(name);
            assertThat(command).as("command of %s", name).hasSizeGreaterThanOrEqualTo(2);
            assertThat(command.get(0)).isEqualTo("serve");
            assertThat(SERVE_NAMES).contains(command.get(1));
            assertThat(name).startsWith(command.get(1));

            Map<String, String> env = compose.environment(name);
            String bootstrap = env.get("NIGHTSHIFT_KAFKA_BOOTSTRAP");
            assertThat(advertised)
                    .as("%s connects to an advertised listener", name)
                    .contains("://" + bootstrap);

            // Every NIGHTSHIFT_* variable must name a config key, or nightshift refuses to start.
            NightshiftConfig config = ConfigLoader.loadDefault(env);
            if (name.equals("sink")) {
                assertThat(config.sink().host()).isEqualTo("0.0.0.0");
                assertThat(compose.publishedContainerPorts("sink"))
                        .contains(config.sink().port());
            }

            Map<String, Object> dependsOn = Compose.map(compose.service(name).get("depends_on"));
            assertThat(Compose.map(dependsOn.get("kafka-init")).get("condition"))
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void providerKeysComeFromTheEnvironmentAndReachOnlyTheWorkers() {
        Set<String> keyVars = defaults.providers().values().stream()
                .map(ProviderConfig::apiKeyEnv)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String name : compose.services().keySet()) {
            Map<String, String> env = compose.environment(name);
            if (name.equals("worker-dry-run")) {
                for (String key : keyVars) {
                    assertThat(env.get(key))
                            .as("%s of %s is a dummy", key, name)
                            .isEqualTo("dry-run");
                }
            } else if (name.startsWith("worker-")) {
                for (String key : keyVars) {
                    assertThat(env.get(key)).as("%s of %s", key, name).isEqualTo("${" + key + ":-}");
                }
            } else {
                assertThat(env.keySet()).as("keys must not reach %s", name).doesNotContainAnyElementsOf(keyVars);
            }
        }
    }

    @Test
    void everyPublishedPortListensOnLoopbackOnly() {
        // The sink's API and Kafka carry no authentication by default: nothing is published beyond this host.
        compose.services().keySet().forEach(name -> {
            Object ports = compose.service(name).get("ports");
            if (ports instanceof List<?> list) {
                list.forEach(p ->
                        assertThat(String.valueOf(p)).as("port of %s", name).startsWith("127.0.0.1:"));
            }
        });
    }

    @Test
    void theSinkKeepsRocksDbOnANamedVolumeAtItsDataFolder() {
        List<String> command = compose.command("sink");
        String data = command.get(command.indexOf("--data") + 1);

        List<String> volumes = compose.volumes("sink");
        assertThat(volumes).contains("sink-data:" + data);
        assertThat(Compose.map(compose.root().get("volumes"))).containsKey("sink-data");
        // A fresh named volume takes the owner of the image's folder; without it the sink (uid 10001) could not write.
        try {
            String dockerfile = Files.readString(RepoFiles.resolve("Dockerfile"));
            assertThat(dockerfile)
                    .contains("mkdir -p " + data + " ", "chown -R nightshift:nightshift /var/lib/nightshift");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void topicInitCreatesALaneAndADeadLetterTopicForEveryConfiguredProvider() {
        Map<String, String> env = compose.environment("kafka-init");
        String script = String.join("\n", compose.command("kafka-init"));

        assertThat(Set.of(env.get("PROVIDERS").split(" ")))
                .isEqualTo(defaults.providers().keySet());
        // The script builds names from these stems; they must be what core's Topics says.
        String provider = "deepseek";
        assertThat(Topics.lane(provider)).isEqualTo("nightshift.lane." + provider);
        assertThat(Topics.deadLetters(provider)).isEqualTo("dlq.nightshift.lane." + provider);
        assertThat(Topics.workerGroup(provider)).isEqualTo("nightshift-workers-" + provider);
        assertThat(script)
                .contains(
                        "\"nightshift.lane.$$p\"",
                        "\"dlq.nightshift.lane.$$p\"",
                        "nightshift-workers-$$p",
                        "errors.deadletterqueue.group.enable=true",
                        "share.auto.offset.reset=earliest",
                        "--if-not-exists");
        for (String topic :
                List.of(Topics.JOBS, Topics.RUNS, Topics.RESULTS, Topics.RETRY, Topics.REQUESTS, Topics.HEALTH)) {
            assertThat(script).contains("--topic " + topic + " ");
        }
    }

    @Test
    void prometheusScrapesEveryNightshiftServiceAndGrafanaIsProvisionedReadOnly() throws IOException {
        // Prometheus mounts the monitoring folder and scrapes each nightshift container on the metrics port.
        assertThat(compose.volumes("prometheus")).contains("./monitoring/prometheus:/etc/prometheus:ro");
        Map<String, Object> prometheus = Compose.yaml(RepoFiles.resolve("monitoring/prometheus/prometheus.yml"));
        Set<String> targets = new TreeSet<>();
        for (Object job : (List<?>) prometheus.get("scrape_configs")) {
            for (Object sc : (List<?>) Compose.map(job).getOrDefault("static_configs", List.of())) {
                for (Object t : (List<?>) Compose.map(sc).get("targets")) {
                    targets.add((String) t);
                }
            }
        }
        for (String name : NIGHTSHIFT_SERVICES) {
            assertThat(targets).contains(name + ":" + METRICS_PORT);
        }

        // Grafana: anonymous viewers only, provisioning and dashboards mounted where the provider looks.
        Map<String, String> env = compose.environment("grafana");
        assertThat(env)
                .containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
                .containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
                .containsEntry("GF_USERS_ALLOW_SIGN_UP", "false");
        Map<String, String> mounts = compose.volumes("grafana").stream()
                .collect(Collectors.toMap(v -> v.split(":")[1], v -> v.split(":")[0]));
        Path provisioning = RepoFiles.root()
                .resolve(mounts.get("/etc/grafana/provisioning"))
                .normalize();
        assertThat(provisioning.resolve("datasources")).isDirectory();
        Map<String, Object> dashboards = Compose.yaml(provisioning.resolve("dashboards/nightshift.yml"));
        String path = (String) Compose.map(Compose.map(((List<?>) dashboards.get("providers")).get(0))
                        .get("options"))
                .get("path");
        Path dashboardDir = RepoFiles.root().resolve(mounts.get(path)).normalize();
        assertThat(dashboardDir.resolve("nightshift.json")).isRegularFile();
        assertThat(env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")).isEqualTo(path + "/nightshift.json");

        Map<String, Object> datasource =
                Compose.map(((List<?>) Compose.yaml(provisioning.resolve("datasources/prometheus.yml"))
                                .get("datasources"))
                        .get(0));
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(compose.publishedContainerPorts("prometheus")).contains(9090);
        // Panels name the datasource through the $datasource variable, whose default is the provisioned one.
        com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dashboardDir.resolve("nightshift.json").toFile());
        com.fasterxml.jackson.databind.JsonNode variable =
                dashboard.path("templating").path("list").get(0);
        assertThat(variable.path("name").asText()).isEqualTo("datasource");
        assertThat(variable.path("current").path("value").asText()).isEqualTo(datasource.get("uid"));
        assertThat(dashboard.path("panels").findValues("datasource"))
                .allSatisfy(ds -> assertThat(ds.path("uid").asText()).isEqualTo("${datasource}"));
    }

    @Test
    void theDockerfileBuildsInOneStageAndRunsAsANonRootUserInAnother() throws IOException {
        List<String> lines = Files.readAllLines(RepoFiles.resolve("Dockerfile"));
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).hasSize(4);
        assertThat(froms.get(0)).endsWith(" AS build");
        assertThat(froms.get(1)).endsWith(" AS runtime");
        assertThat(froms.get(2)).endsWith(" AS validator");
        // The last stage is the default target: the plain runtime, not the validator's toolchains.
        assertThat(froms.get(3)).isEqualTo("FROM runtime");

        String user = lines.stream()
                .filter(l -> l.startsWith("USER "))
                .reduce((a, b) -> b)
                .orElseThrow()
                .substring(5)
                .trim();
        assertThat(user.split(":")[0]).isNotIn("0", "root");
        assertThat(lines).contains("ENTRYPOINT [\"nightshift\"]");
        assertThat(String.join("\n", lines))
                .contains("EXPOSE 9400 8480", "app/target/nightshift-app-*.jar", "app/target/lib/*.jar");

        // The runtime stage relies on the app jar's manifest: main class and lib/ class path.
        String appPom = Files.readString(RepoFiles.resolve("app/pom.xml"));
        assertThat(appPom)
                .contains(
                        "<mainClass>dev.nightshift.app.Nightshift</mainClass>",
                        "<classpathPrefix>lib/</classpathPrefix>",
                        "<outputDirectory>${project.build.directory}/lib</outputDirectory>");

        // Maven reads every module's pom: none may be left out of the build context.
        List<String> ignored = Files.readAllLines(RepoFiles.resolve(".dockerignore")).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        for (String module : modules()) {
            assertThat(ignored)
                    .as(".dockerignore must keep module %s", module)
                    .noneMatch(pattern -> pattern.equals(module + "/") || pattern.equals(module));
        }
    }

    private static List<String> modules() throws IOException {
        String pom = Files.readString(RepoFiles.resolve("pom.xml"));
        List<String> modules = new ArrayList<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertThat(modules).contains("core", "app");
        return modules;
    }

    /** docker-compose.yml as SnakeYAML reads it (merge keys and aliases resolved, as compose does). */
    record Compose(Map<String, Object> root) {
        static Compose load(Path file) {
            return new Compose(yaml(file));
        }

        static Map<String, Object> yaml(Path file) {
            try {
                return new Yaml().load(Files.readString(file));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object o) {
            assertThat(o).isInstanceOf(Map.class);
            return (Map<String, Object>) o;
        }

        Map<String, Object> services() {
            return map(root.get("services"));
        }

        Map<String, Object> service(String name) {
            return map(services().get(name));
        }

        Map<String, String> environment(String name) {
            Object env = service(name).get("environment");
            Map<String, String> result = new HashMap<>();
            if (env != null) {
                map(env).forEach((k, v) -> result.put(k, v == null ? "" : String.valueOf(v)));
            }
            return result;
        }

        List<String> command(String name) {
            Object command = service(name).get("command");
            List<String> result = new ArrayList<>();
            if (command instanceof List<?> list) {
                list.forEach(o -> result.add(String.valueOf(o)));
            } else if (command != null) {
                result.add(String.valueOf(command));
            }
            return result;
        }

        List<String> volumes(String name) {
            List<String> result = new ArrayList<>();
            Object volumes = service(name).get("volumes");
            if (volumes instanceof List<?> list) {
                list.forEach(o -> result.add(String.valueOf(o)));
            }
            return result;
        }

        Set<Integer> publishedContainerPorts(String name) {
            Set<Integer> ports = new TreeSet<>();
            Object list = service(name).get("ports");
            if (list instanceof List<?> l) {
                for (Object p : l) {
                    String[] parts = String.valueOf(p).split(":");
                    ports.add(Integer.parseInt(parts[parts.length - 1]));
                }
            }
            return ports;
        }
    }
}
