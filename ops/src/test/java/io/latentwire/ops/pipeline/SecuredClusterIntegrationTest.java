package io.latentwire.ops.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.ops.cli.LatentwireCli;
import io.latentwire.ops.embedded.EmbeddedKafkaBroker;
import io.latentwire.ops.embedded.EmbeddedSchemaRegistry;
import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicSpec;
import io.latentwire.ops.models.ModelFixtures;
import io.latentwire.streams.app.PipelineApp;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.errors.LatentwireStreamsException;
import io.latentwire.streams.models.ModelAnnouncements;
import io.latentwire.streams.models.ModelPublisher;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka security reaches every client latentwire makes: on an embedded broker whose client listener
 * takes SASL/SCRAM-SHA-512 and a schema registry that takes HTTP basic auth, the encode and decode
 * apps stream (a decoder following the models topic too), {@code model publish|list} and {@code
 * replay} work from a {@code --client-config} file (the registry credentials too), and a wrong
 * password stops an app or a tool within seconds with a message naming authentication, not after a
 * timeout.
 */
class SecuredClusterIntegrationTest {
  static final String LISTENER = "SASL_SCRAM";
  static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";
  static final String USER = "alice";
  static final String PASSWORD = "alice-secret";
  static final String REGISTRY_USER_INFO = "registry-user:registry-secret";
  static final String TOPIC = "secured";
  static final int RECORDS = 200;

  @TempDir static Path dir;
  static EmbeddedKafkaBroker broker;
  static EmbeddedSchemaRegistry registry;
  static Path model;
  static List<String> keys = new ArrayList<>();
  static List<GenericRecord> records = new ArrayList<>();
  static PipelineRun.Result result;

  static Map<String, Object> scram(String password) {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "SCRAM-SHA-512",
        "sasl.jaas.config",
        SCRAM_LOGIN + " required username=\"" + USER + "\" password=\"" + password + "\";");
  }

  static String saslBootstrap() {
    return broker.bootstrapServers(LISTENER);
  }

  /** A full app config on the SASL listener, as `latentwire run` would load it. */
  static Map<String, Object> appConfig(String password) {
    Map<String, Object> c = new HashMap<>(scram(password));
    c.put(LatentwireConfig.TOPIC_CONFIG, TOPIC);
    c.put("bootstrap.servers", saslBootstrap());
    c.put(LatentwireConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
    c.put("schema.registry.basic.auth.user.info", REGISTRY_USER_INFO);
    c.put(LatentwireConfig.MODEL_PATH_CONFIG, model.toString());
    c.put(LatentwireConfig.HTTP_PORT_CONFIG, "0");
    c.put("state.dir", dir.resolve("state-" + password).toString());
    return c;
  }

  @BeforeAll
  static void startASecuredStackAndStreamThroughIt() throws Exception {
    broker =
        EmbeddedKafkaBroker.builder()
            .listener(LISTENER, SecurityProtocol.SASL_PLAINTEXT)
            .brokerProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512")
            .brokerProperty(
                "listener.name.sasl_scram.scram-sha-512.sasl.jaas.config",
                SCRAM_LOGIN + " required;")
            .start();
    String[] sr = REGISTRY_USER_INFO.split(":");
    registry = EmbeddedSchemaRegistry.builder().basicAuth(sr[0], sr[1]).start();
    createScramUser();

    model = dir.resolve("readings.lwm");
    ModelFixtures.B.write(model);
    for (int i = 0; i < RECORDS; i++) {
      keys.add("k" + i);
      records.add(ModelFixtures.reading("r" + i, i * 0.01f, 1 - i * 0.005f, 0.5f + (i % 7) * 0.1f));
    }
    // The registry client made the way `latentwire run` makes it: from the app config.
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient(new LatentwireConfig(appConfig(PASSWORD)).registryConfig());
    PipelineRun run =
        new PipelineRun(
            new PipelineRun.Spec(
                saslBootstrap(),
                registry.url(),
                client,
                model,
                TOPIC,
                2,
                dir.resolve("state"),
                Duration.ofMinutes(2),
                scram(PASSWORD)));
    result =
        run.run(
            keys,
            records,
            List.of(),
            Map.of("schema.registry.basic.auth.user.info", REGISTRY_USER_INFO),
            n -> {});
  }

  /** SCRAM credentials live in the cluster metadata: create them on the PLAINTEXT listener. */
  static void createScramUser() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      USER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD)))
          .all()
          .get(15, TimeUnit.SECONDS);
    }
    // The broker applies the credential from its metadata log a moment later.
    Map<String, Object> alice = new HashMap<>(scram(PASSWORD));
    alice.put("bootstrap.servers", saslBootstrap());
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try (Admin admin = Admin.create(alice)) {
        admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the SCRAM user never authenticated", e);
        }
        Thread.sleep(200);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  record Run(int exit, String out, String err, Duration took) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int exit = LatentwireCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(
        exit, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
  }

  static Run replayLatentTopic(String clientConfig, Path out) {
    return cli(
        "replay",
        "--topic",
        TOPIC + ".latent",
        "--bootstrap",
        saslBootstrap(),
        "--registry",
        registry.url(),
        "--client-config",
        clientConfig,
        "--out",
        "file:" + out,
        "--no-progress");
  }

  static Path propertiesFile(String name, Map<String, Object> values) throws Exception {
    Properties p = new Properties();
    values.forEach((k, v) -> p.setProperty(k, v.toString()));
    Path file = dir.resolve(name);
    try (var w = Files.newBufferedWriter(file)) {
      p.store(w, null);
    }
    return file;
  }

  @Test
  void shouldStreamEveryRecordThroughTheSaslListenerAndTheAuthenticatedRegistry() {
    assertThat(result.outputs()).hasSize(RECORDS);
    assertThat(result.outputs())
        .extracting(PipelineRun.Output::key)
        .containsExactlyInAnyOrderElementsOf(keys);
    for (PipelineRun.Output o : result.outputs()) {
      GenericRecord in = records.get(Integer.parseInt(o.key().substring(1)));
      assertThat(o.value().get("name").toString()).isEqualTo(in.get("name").toString());
      for (String f : List.of("a", "b", "c")) {
        assertThat((Float) o.value().get(f)).isCloseTo((Float) in.get(f), Offset.offset(0.01f));
      }
    }
    assertThat(result.deadLetters()).isEmpty();
  }

  @Test
  void shouldPublishListAndReplayWithTheSecuritySettingsOfAClientConfigFile() throws Exception {
    Map<String, Object> client = new HashMap<>(scram(PASSWORD));
    client.put("schema.registry.basic.auth.user.info", REGISTRY_USER_INFO);
    String config = propertiesFile("client.properties", client).toString();

    Run publish =
        cli(
            "model",
            "publish",
            model.toString(),
            "--bootstrap",
            saslBootstrap(),
            "--client-config",
            config);
    assertThat(publish.exit()).as(publish.err()).isZero();
    assertThat(publish.out()).contains("published model " + ModelFixtures.B.id().shortHex());

    Run list = cli("model", "list", "--bootstrap", saslBootstrap(), "--client-config", config);
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains(ModelFixtures.B.id().shortHex().substring(0, 16), "ok (");

    Path out = dir.resolve("replayed.avro");
    Run replay = replayLatentTopic(config, out);
    assertThat(replay.exit()).as(replay.err()).isZero();
    assertThat(replay.out()).contains(RECORDS + " decoded, 0 failed");
    assertThat(out).exists();

    // The registry credentials came from the file: without them the registry refuses replay.
    String kafkaOnly = propertiesFile("kafka-only.properties", scram(PASSWORD)).toString();
    Run refused = replayLatentTopic(kafkaOnly, dir.resolve("unauthorized.avro"));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("HTTP 401");
  }

  @Test
  void shouldFollowTheModelsTopicOverSaslInADecoderWithoutModelPath() throws Exception {
    Map<String, Object> client = new HashMap<>(scram(PASSWORD));
    client.put("bootstrap.servers", saslBootstrap());
    new ModelPublisher(client, ModelAnnouncements.DEFAULT_TOPIC, Duration.ofSeconds(30))
        .publish(ModelFixtures.B, "secured test", null);
    String followed = TOPIC + ".followed";
    try (TopicAdmin admin = TopicAdmin.connect(client, TopicAdmin.DEFAULT_TIMEOUT)) {
      admin.createTopic(TopicSpec.of(followed, 2));
    }
    Map<String, Object> decoder = appConfig(PASSWORD);
    decoder.remove(LatentwireConfig.MODEL_PATH_CONFIG);
    decoder.put(LatentwireConfig.RECONSTRUCTED_TOPIC_CONFIG, followed);
    decoder.put("application.id", "latentwire-decode-followed");
    decoder.put("models.startup.timeout.ms", "15000");
    decoder.put("commit.interval.ms", "100");
    // The model registry's consumer reads latentwire.models over SASL with the app's settings.
    try (PipelineApp app = PipelineApp.start(Side.DECODE, new LatentwireConfig(decoder))) {
      assertThat(countRecords(client, followed, RECORDS, Duration.ofSeconds(60)))
          .isEqualTo(RECORDS);
      assertThat(app.failure()).isNull();
    }
  }

  static int countRecords(
      Map<String, Object> client, String topic, int expected, Duration timeout) {
    Map<String, Object> c = new HashMap<>(client);
    c.put("group.id", "count-" + System.nanoTime());
    c.put("auto.offset.reset", "earliest");
    c.put("isolation.level", "read_committed");
    int n = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (n < expected && System.nanoTime() < deadline) {
        n += consumer.poll(Duration.ofMillis(200)).count();
      }
    }
    return n;
  }

  @Test
  void shouldStopRunWithinSecondsNamingAuthenticationWhenThePasswordIsWrong() throws Exception {
    Path config = propertiesFile("wrong.properties", appConfig("not-the-password"));
    Run run = cli("run", "encode", "--config", config.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("run: error: encode app: authentication to Kafka at " + saslBootstrap())
        .contains("SCRAM-SHA-512")
        .containsIgnoringCase("authentication failed")
        .doesNotContain("not-the-password");
    assertThat(run.took()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldStopTheDecoderAtStartUpWhenThePasswordIsWrong() {
    LatentwireConfig config = new LatentwireConfig(appConfig("wrong"));
    long start = System.nanoTime();
    assertThatThrownBy(() -> PipelineApp.start(Side.DECODE, config).close())
        .isInstanceOf(LatentwireStreamsException.class)
        .hasMessageContaining("decode app: authentication to Kafka")
        .hasMessageContaining("sasl.mechanism=SCRAM-SHA-512");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldStopAtStartUpWhenTheSecurityProtocolDoesNotMatchTheListener() {
    Map<String, Object> plain = appConfig(PASSWORD);
    plain.remove("security.protocol");
    plain.remove("sasl.mechanism");
    plain.remove("sasl.jaas.config");
    plain.put(LatentwireConfig.STARTUP_CHECK_TIMEOUT_CONFIG, "2000");
    LatentwireConfig config = new LatentwireConfig(plain);
    assertThatThrownBy(() -> PipelineApp.start(Side.ENCODE, config).close())
        .isInstanceOf(LatentwireStreamsException.class)
        .hasMessageContaining("no Kafka broker at " + saslBootstrap())
        .hasMessageContaining("security.protocol=PLAINTEXT")
        .hasMessageContaining("security.protocol matches the listener");
  }

  @Test
  void shouldStopAToolWithinSecondsWhenThePasswordIsWrong() throws Exception {
    String config = propertiesFile("wrong-client.properties", scram("wrong")).toString();
    Run list = cli("model", "list", "--bootstrap", saslBootstrap(), "--client-config", config);
    assertThat(list.exit()).isEqualTo(1);
    assertThat(list.err()).containsIgnoringCase("authentication failed");
    assertThat(list.took()).isLessThan(Duration.ofSeconds(10));
  }
}
