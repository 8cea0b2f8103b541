package io.latentwire.ops.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.testing.TestBundles;
import io.latentwire.ops.embedded.LocalStack;
import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicSpec;
import io.latentwire.streams.app.PipelineApp;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations endpoint of a real encode app on the embedded broker: readiness flips from 503 to
 * 200 when Kafka Streams reaches RUNNING, and /metrics counts every record it processed, next to
 * Kafka Streams' own metrics.
 */
class OpsEndpointIntegrationTest {
  static final Schema READING =
      SchemaBuilder.record("Reading")
          .namespace("test")
          .fields()
          .requiredFloat("a")
          .requiredFloat("b")
          .requiredFloat("c")
          .endRecord();
  static final int RECORDS = 20;

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void shouldTurnReadyWhenTheAppRunsAndCountEveryRecordOnMetrics() throws Exception {
    Path model = dir.resolve("m.lwm");
    TestBundles.identityOnScalars(List.of("a", "b", "c"), 2, 0.01f).write(model);
    try (LocalStack stack = LocalStack.start()) {
      HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.forUrls(stack.registryUrl());
      try (TopicAdmin admin = TopicAdmin.connect(stack.bootstrapServers())) {
        admin.createTopics(
            List.of(
                TopicSpec.of("ops", 1), TopicSpec.of("ops.latent", 1), TopicSpec.of("ops.dlq", 1)));
      }
      int port = freePort();
      URI base = URI.create("http://127.0.0.1:" + port);
      Map<String, Object> config = new HashMap<>();
      config.put("topic", "ops");
      config.put("bootstrap.servers", stack.bootstrapServers());
      config.put("schema.registry.url", stack.registryUrl());
      config.put("model.path", model.toString());
      config.put("state.dir", dir.resolve("state").toString());
      config.put("commit.interval.ms", "100");
      config.put("http.port", Integer.toString(port));
      config.put("metrics.reconstruction.sample.every", "5");

      try (PipelineApp app =
          PipelineApp.start(Side.ENCODE, new LatentwireConfig(config), registry)) {
        // Kafka Streams has only just been started: it cannot have joined its group yet.
        Answer notYet = get(base, "/health/ready");
        assertThat(notYet.status()).isEqualTo(503);
        assertThat(notYet.body()).contains("\"ready\":false").doesNotContain("RUNNING");
        assertThat(get(base, "/health/live").status()).isEqualTo(200);

        Answer ready = await(base, "/health/ready", a -> a.status() == 200);
        assertThat(ready.body()).contains("\"state\":\"RUNNING\"");
        assertThat(get(base, "/health").body()).contains("\"status\":\"UP\"");

        produce(stack.bootstrapServers(), registry);
        String metrics =
            await(base, "/metrics", a -> value(a.body(), "latentwire_records_in_total") >= 21)
                .body();
        assertThat(value(metrics, "latentwire_records_in_total")).isEqualTo(RECORDS + 1);
        assertThat(value(metrics, "latentwire_records_out_total", "outcome=\"ok\""))
            .isEqualTo(RECORDS);
        assertThat(value(metrics, "latentwire_records_out_total", "outcome=\"dead-letter\""))
            .isEqualTo(1);
        assertThat(value(metrics, "latentwire_reconstruction_max_abs_error_count"))
            .isEqualTo(RECORDS / 5);
        assertThat(value(metrics, "latentwire_compression_ratio")).isPositive();
        // Kafka Streams' own client metrics, bound by Micrometer's KafkaStreamsMetrics.
        assertThat(metrics).containsPattern("(?m)^kafka_stream_[a-z_]+\\{[^}]*side=\"encode\"");
        assertThat(app.observability().httpAddress()).isPresent();
      }
      assertThatThrownBy(() -> get(base, "/health/live"))
          .as("the endpoint closes with the app")
          .isInstanceOf(UncheckedIOException.class);
    }
  }

  private static void produce(String bootstrap, HttpSchemaRegistryClient registry) {
    GenericAvroSerializer serializer =
        new GenericAvroSerializer(registry, AvroSerdeConfig.defaults());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        GenericData.Record r = new GenericData.Record(READING);
        r.put("a", (float) i);
        r.put("b", -1f);
        r.put("c", 2f);
        producer.send(
            new ProducerRecord<>("ops", ("k" + i).getBytes(), serializer.serialize("ops", r)));
      }
      producer.send(new ProducerRecord<>("ops", "bad".getBytes(), "not avro".getBytes()));
      producer.flush();
    }
  }

  /** The sum of the series of {@code name} whose labels contain {@code labelFilter}; 0 if none. */
  private static double value(String scrape, String name, String... labelFilter) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)}\\s+(\\S+)$").matcher(scrape);
    double sum = 0;
    while (m.find()) {
      boolean all = true;
      for (String f : labelFilter) {
        all &= m.group(1).contains(f);
      }
      if (all) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  record Answer(int status, String body) {}

  private Answer get(URI base, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer await(URI base, String path, Predicate<Answer> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Answer last = null;
    while (System.nanoTime() < deadline) {
      last = get(base, path);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("GET " + path + " never got there in 60 s; last answer: " + last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
