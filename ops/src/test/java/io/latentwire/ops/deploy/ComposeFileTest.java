package io.latentwire.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.latentwire.streams.app.Observability;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.config.LatentwireConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker deployment files, checked without a Docker engine: {@code docker-compose.yml} is valid
 * for {@code docker-compose config}; every {@code LATENTWIRE_*} variable names a real setting; the
 * apps' ports, Prometheus' targets and Grafana's datasource agree with the compose services; and
 * the Grafana dashboard charts only metrics the apps export.
 */
class ComposeFileTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A metric name in a PromQL expression: every metric of the apps starts with one of these. */
  private static final Pattern METRIC =
      Pattern.compile("(?<![A-Za-z0-9_:$])((?:latentwire|kafka)_[a-z0-9_]+)");

  private static final int PROMETHEUS_PORT = 9090;

  static Path root;
  static JsonNode compose;
  static JsonNode services;

  @BeforeAll
  static void readTheComposeFile() throws IOException {
    root = repositoryRoot();
    compose = YAML.readTree(root.resolve("docker-compose.yml").toFile());
    services = compose.path("services");
    assertThat(services.isObject()).as("docker-compose.yml has services").isTrue();
  }

  @Test
  void shouldBeValidForDockerComposeConfig() throws Exception {
    Optional<Path> binary = onPath("docker-compose");
    Assumptions.assumeTrue(
        binary.isPresent(),
        "docker-compose is not installed: skipping 'docker-compose config -q' (ops/scripts/test-all"
            + " installs the Debian package docker-compose)");
    Path log = Files.createTempFile("docker-compose-config", ".log");
    try {
      Process p =
          new ProcessBuilder(binary.get().toString(), "-f", "docker-compose.yml", "config", "-q")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean finished = p.waitFor(120, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(finished).as("docker-compose config finished within 120 s").isTrue();
      assertThat(p.exitValue()).as("docker-compose config -q said:%n%s", output).isZero();
    } finally {
      Files.deleteIfExists(log);
    }
  }

  @Test
  void shouldSetOnlyLatentwireVariablesThatNameARealSetting() {
    Map<String, String> variables = new LinkedHashMap<>();
    services
        .fields()
        .forEachRemaining(
            s ->
                environment(s.getValue())
                    .forEach(
                        (k, v) -> {
                          if (k.startsWith(LatentwireConfig.ENV_PREFIX)) {
                            variables.put(s.getKey() + "." + k, k);
                          }
                        }));
    assertThat(variables).as("LATENTWIRE_* variables in docker-compose.yml").isNotEmpty();
    List<String> unknown = new ArrayList<>();
    variables.forEach(
        (where, variable) -> {
          String key = keyOf(variable);
          if (!isKnownSetting(key)) {
            unknown.add(where + " -> " + key);
          }
        });
    assertThat(unknown)
        .as("variables naming neither a latentwire key nor a Kafka Streams or client setting")
        .isEmpty();
  }

  @Test
  void shouldTellAMistypedVariableFromARealOne() {
    assertThat(isKnownSetting(keyOf("LATENTWIRE_MODEL_PATH"))).isTrue();
    assertThat(isKnownSetting(keyOf("LATENTWIRE_COMMIT_INTERVAL_MS"))).isTrue();
    assertThat(isKnownSetting(keyOf("LATENTWIRE_PRODUCER_COMPRESSION_TYPE"))).isTrue();
    assertThat(isKnownSetting(keyOf("LATENTWIRE_MAIN_CONSUMER_MAX_POLL_RECORDS"))).isTrue();
    assertThat(isKnownSetting(keyOf("LATENTWIRE_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION")))
        .isTrue();
    assertThat(isKnownSetting(keyOf("LATENTWIRE_MODEL_PATHS"))).isFalse();
    assertThat(isKnownSetting(keyOf("LATENTWIRE_PRODUCER_COMPRESION_TYPE"))).isFalse();
    assertThat(isKnownSetting(keyOf("LATENTWIRE_CONSUMER_COMPRESSION_TYPE"))).isFalse();
  }

  @Test
  void shouldPublishEveryAppOnItsHttpPortAndBindItForOtherContainers() {
    Map<String, Integer> apps = appHttpPorts();
    assertThat(apps).as("services running 'latentwire run'").containsKeys("encoder", "decoder");
    for (Map.Entry<String, Integer> app : apps.entrySet()) {
      JsonNode service = services.get(app.getKey());
      assertThat(setting(service, LatentwireConfig.HTTP_HOST_CONFIG))
          .as("%s: http.host must not be loopback inside a container", app.getKey())
          .isEqualTo("0.0.0.0");
      List<String> ports = texts(service.path("ports"));
      assertThat(ports).as("%s publishes its /metrics and /health", app.getKey()).isNotEmpty();
      for (String port : ports) {
        assertThat(containerPort(port))
            .as("%s: published port %s must be the app's http.port", app.getKey(), port)
            .isEqualTo(app.getValue());
      }
    }
  }

  @Test
  void shouldPublishPortsOnLoopbackOnly() {
    services
        .fields()
        .forEachRemaining(
            s -> {
              for (String port : texts(s.getValue().path("ports"))) {
                assertThat(port)
                    .as("service %s publishes %s", s.getKey(), port)
                    .startsWith("127.0.0.1:");
              }
            });
  }

  @Test
  void shouldScrapeEveryAppAtItsServiceNameAndHttpPort() throws IOException {
    JsonNode prometheusService = services.get("prometheus");
    assertThat(prometheusService).as("a prometheus service").isNotNull();
    assertThat(mounts(prometheusService))
        .containsEntry("./ops/prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml");
    JsonNode config = YAML.readTree(root.resolve("ops/prometheus/prometheus.yml").toFile());
    Set<String> targets = new TreeSet<>();
    for (JsonNode job : config.path("scrape_configs")) {
      assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
      for (JsonNode sc : job.path("static_configs")) {
        targets.addAll(texts(sc.path("targets")));
      }
      // DNS discovery: every replica of each named service, on one port.
      for (JsonNode sd : job.path("dns_sd_configs")) {
        for (String name : texts(sd.path("names"))) {
          targets.add(name + ":" + sd.path("port").asText());
        }
      }
    }
    Set<String> expected = new TreeSet<>();
    appHttpPorts().forEach((service, port) -> expected.add(service + ":" + port));
    assertThat(targets).isEqualTo(expected);
  }

  @Test
  void shouldProvisionGrafanaWithTheComposePrometheusAndTheDashboardFolder() throws IOException {
    JsonNode grafana = services.get("grafana");
    assertThat(grafana).as("a grafana service").isNotNull();
    Map<String, String> mounts = mounts(grafana);
    assertThat(mounts).containsEntry("./ops/grafana/provisioning", "/etc/grafana/provisioning");
    String dashboardsInContainer = mounts.get("./ops/grafana/dashboards");
    assertThat(dashboardsInContainer).as("ops/grafana/dashboards is mounted").isNotNull();

    JsonNode datasources =
        YAML.readTree(root.resolve("ops/grafana/provisioning/datasources/prometheus.yml").toFile());
    JsonNode prometheus = datasources.path("datasources").get(0);
    assertThat(prometheus.path("type").asText()).isEqualTo("prometheus");
    assertThat(prometheus.path("url").asText()).isEqualTo("http://prometheus:" + PROMETHEUS_PORT);
    assertThat(texts(services.get("prometheus").path("ports")))
        .allSatisfy(p -> assertThat(containerPort(p)).isEqualTo(PROMETHEUS_PORT));

    JsonNode providers =
        YAML.readTree(root.resolve("ops/grafana/provisioning/dashboards/latentwire.yml").toFile());
    assertThat(providers.path("providers").get(0).path("options").path("path").asText())
        .isEqualTo(dashboardsInContainer);

    String uid = prometheus.path("uid").asText();
    List<String> datasourceUids = new ArrayList<>();
    collect(dashboard(), "datasource", n -> datasourceUids.add(n.path("uid").asText()));
    assertThat(datasourceUids).isNotEmpty().containsOnly(uid);
  }

  @Test
  void shouldChartOnlyMetricsTheAppsExport(@TempDir Path dir) throws IOException {
    Set<String> exported = exportedMetricNames(dir);
    assertThat(exported)
        .as("the scrape of an app")
        .contains("latentwire_records_in_total", "kafka_stream_alive_stream_threads");

    JsonNode dashboard = dashboard();
    List<String> expressions = new ArrayList<>();
    collect(dashboard, "expr", n -> expressions.add(n.asText()));
    collect(
        dashboard.path("templating"),
        "definition",
        n -> expressions.add(n.asText())); // variable queries
    assertThat(expressions).hasSizeGreaterThan(10);

    Set<String> charted = new TreeSet<>();
    List<String> withoutMetric = new ArrayList<>();
    for (String expr : expressions) {
      Set<String> names = metricNames(expr);
      if (names.isEmpty()) {
        withoutMetric.add(expr);
      }
      charted.addAll(names);
    }
    assertThat(withoutMetric).as("expressions naming no metric").isEmpty();
    assertThat(charted)
        .as("the dashboard charts throughput, compression, fidelity, lag and dead letters")
        .contains(
            "latentwire_records_in_total",
            "latentwire_records_out_total",
            "latentwire_compression_ratio",
            "latentwire_reconstruction_psnr_db",
            "latentwire_reconstruction_max_abs_error_max",
            "kafka_consumer_fetch_manager_records_lag_max");
    assertThat(expressions).anyMatch(e -> e.contains("outcome=\"dead-letter\""));
    TreeSet<String> missing = new TreeSet<>(charted);
    missing.removeAll(exported);
    assertThat(missing).as("metrics the dashboard charts but the apps do not export").isEmpty();
  }

  @Test
  void shouldFindMetricNamesInPromQl() {
    assertThat(
            metricNames(
                "sum by (side) (rate(latentwire_records_in_total{topic=~\"$topic\"}"
                    + "[$__rate_interval])) / max(kafka_stream_alive_stream_threads)"))
        .containsExactlyInAnyOrder(
            "latentwire_records_in_total", "kafka_stream_alive_stream_threads");
    assertThat(metricNames("histogram_quantile(0.99, sum by (le) (rate(x[5m])))")).isEmpty();
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** What the apps' /metrics serves: an app's meters, bound as in production, then scraped. */
  static Set<String> exportedMetricNames(Path dir) {
    Map<String, Object> c = new HashMap<>();
    c.put(LatentwireConfig.TOPIC_CONFIG, "t");
    c.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    c.put(LatentwireConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:9");
    c.put(LatentwireConfig.MODEL_PATH_CONFIG, dir.resolve("unused.lwm").toString());
    c.put(LatentwireConfig.HTTP_PORT_CONFIG, "0");
    c.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    LatentwireConfig config = new LatentwireConfig(c);
    Topology topology = new Topology();
    topology.addSource("in", new ByteArrayDeserializer(), new ByteArrayDeserializer(), "t");
    topology.addSink("out", "t.latent", new ByteArraySerializer(), new ByteArraySerializer(), "in");
    // Never started: the client, thread, consumer and producer metrics exist from construction.
    KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties("latentwire-t"));
    try (Observability obs = Observability.create(config, Side.DECODE, "0123456789abcdef", null)) {
      obs.attach(streams, () -> null);
      Set<String> names = new TreeSet<>();
      for (String line : obs.registry().scrape().split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.split("[{ ]", 2)[0]);
        }
      }
      return names;
    } finally {
      streams.close(Duration.ofSeconds(5));
    }
  }

  static Set<String> metricNames(String promQl) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(promQl);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The setting a {@code LATENTWIRE_*} variable sets, as the app derives it. */
  static String keyOf(String variable) {
    return LatentwireConfig.environmentOverrides(Map.of(variable, "x")).keySet().iterator().next();
  }

  /** latentwire's own key, a Kafka Streams key, or a client key under a Kafka Streams prefix. */
  static boolean isKnownSetting(String key) {
    if (LatentwireConfig.CONFIG_DEF.names().contains(key)
        || StreamsConfig.configDef().names().contains(key)) {
      return true;
    }
    Map<String, Set<String>> prefixed =
        Map.of(
            StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configNames(),
            StreamsConfig.CONSUMER_PREFIX, ConsumerConfig.configNames(),
            StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.configNames(),
            StreamsConfig.RESTORE_CONSUMER_PREFIX, ConsumerConfig.configNames(),
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, ConsumerConfig.configNames(),
            StreamsConfig.ADMIN_CLIENT_PREFIX, AdminClientConfig.configNames());
    for (Map.Entry<String, Set<String>> e : prefixed.entrySet()) {
      if (key.startsWith(e.getKey()) && e.getValue().contains(key.substring(e.getKey().length()))) {
        return true;
      }
    }
    // Client settings without a prefix apply to every client of Kafka Streams.
    return ProducerConfig.configNames().contains(key)
        || ConsumerConfig.configNames().contains(key)
        || AdminClientConfig.configNames().contains(key);
  }

  /** Services that run {@code latentwire run encode|decode}, with their http.port. */
  static Map<String, Integer> appHttpPorts() {
    Map<String, Integer> apps = new LinkedHashMap<>();
    services
        .fields()
        .forEachRemaining(
            s -> {
              List<String> command = texts(s.getValue().path("command"));
              if (!command.isEmpty() && command.get(0).equals("run")) {
                apps.put(
                    s.getKey(),
                    Integer.parseInt(setting(s.getValue(), LatentwireConfig.HTTP_PORT_CONFIG)));
              }
            });
    return apps;
  }

  /** A setting of an app service: its environment variable, else latentwire's default. */
  static String setting(JsonNode service, String key) {
    String value = environment(service).get(LatentwireConfig.environmentVariable(key));
    return value != null
        ? value
        : String.valueOf(LatentwireConfig.CONFIG_DEF.defaultValues().get(key));
  }

  /** A service's environment, in either of compose's forms (map, or list of NAME=value). */
  static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = service.path("environment");
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    } else {
      for (String entry : texts(node)) {
        int eq = entry.indexOf('=');
        env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
      }
    }
    return env;
  }

  /** Bind mounts of a service, host path to container path. */
  static Map<String, String> mounts(JsonNode service) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String v : texts(service.path("volumes"))) {
      String[] parts = v.split(":");
      if (parts.length >= 2) {
        m.put(parts[0], parts[1]);
      }
    }
    return m;
  }

  /** The container side of a published port: {@code 127.0.0.1:8091:8080/tcp} gives 8080. */
  static int containerPort(String published) {
    String last = published.substring(published.lastIndexOf(':') + 1);
    int slash = last.indexOf('/');
    return Integer.parseInt(slash < 0 ? last : last.substring(0, slash));
  }

  static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (!node.isMissingNode() && !node.isNull()) {
      out.add(node.asText());
    }
    return out;
  }

  static JsonNode dashboard() throws IOException {
    return JSON.readTree(root.resolve("ops/grafana/dashboards/latentwire.json").toFile());
  }

  /** Calls {@code sink} with every value under {@code field}, at any depth. */
  static void collect(JsonNode node, String field, java.util.function.Consumer<JsonNode> sink) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals(field)) {
                  sink.accept(e.getValue());
                } else {
                  collect(e.getValue(), field, sink);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, field, sink));
    }
  }

  static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The repository root: the first directory up from the working directory with the file. */
  static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docker-compose.yml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
  }
}
