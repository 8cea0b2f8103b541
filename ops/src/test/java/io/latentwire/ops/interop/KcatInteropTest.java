package io.latentwire.ops.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.ops.demo.TelemetryConfig;
import io.latentwire.ops.demo.TelemetryGenerator;
import io.latentwire.ops.embedded.LocalStack;
import io.latentwire.ops.pipeline.PipelineRun;
import io.latentwire.schemas.examples.TelemetryRecord;
import io.latentwire.streams.processor.DeadLetters;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kcat (librdkafka) reads the latent, reconstructed and dead-letter topics the pipeline wrote on
 * the embedded broker, and must see exactly what Kafka's Java consumer sees: the same records at
 * the same partitions and offsets, with the same keys, timestamps, value sizes, Confluent
 * wire-format headers (unpacked by kcat itself) and dead-letter headers.
 */
class KcatInteropTest {
  static final int RECORDS = 600;
  static final String TOPIC = "telemetry";

  @TempDir static Path dir;
  static LocalStack stack;
  static PipelineRun run;
  static PipelineRun.Result result;
  static int sourceSchemaId;
  static int latentSchemaId;
  static List<ConsumerRecord<byte[], byte[]>> latent;
  static List<ConsumerRecord<byte[], byte[]>> reconstructed;

  Kcat kcat;

  @BeforeAll
  static void runThePipeline() {
    stack = LocalStack.start();
    HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.forUrls(stack.registryUrl());
    sourceSchemaId = registry.register(TOPIC + "-value", TelemetryRecord.getClassSchema());
    Path model = dir.resolve("linear.lwm");
    linearModel().write(model);
    TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(5L));
    List<String> keys = new ArrayList<>();
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      TelemetryRecord r = gen.next().record();
      keys.add(r.getDeviceId() + "@" + r.getTimestamp().toEpochMilli());
      records.add(r);
    }
    run =
        new PipelineRun(
            new PipelineRun.Spec(
                stack.bootstrapServers(),
                stack.registryUrl(),
                registry,
                model,
                TOPIC,
                2,
                dir.resolve("state"),
                Duration.ofSeconds(60)));
    List<ProducerRecord<byte[], byte[]>> poison =
        List.of(
            new ProducerRecord<>(TOPIC, 0, "garbage".getBytes(), "not avro, ok?".getBytes()),
            new ProducerRecord<>(TOPIC, 1, "empty".getBytes(), new byte[0]));
    result = run.run(keys, records, poison, Map.of(), n -> {});
    latent = TopicReader.readAll(stack.bootstrapServers(), run.latentTopic(), RECORDS, timeout());
    reconstructed =
        TopicReader.readAll(stack.bootstrapServers(), run.reconstructedTopic(), RECORDS, timeout());
    latentSchemaId = schemaId(latent.get(0).value());
  }

  /** The linear test model over the telemetry's float fields: quick to build, no training. */
  static ModelBundle linearModel() {
    List<String> floats =
        TelemetryRecord.getClassSchema().getFields().stream()
            .filter(f -> f.schema().getType() == Schema.Type.FLOAT)
            .map(Schema.Field::name)
            .toList();
    return TestBundles.identityOnScalars(floats, 4, 0.05f);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @BeforeEach
  void needsKcat() {
    kcat = Kcat.require();
  }

  @Test
  void shouldSeeTheSameLatentRecordsInKcatAsInTheJavaConsumer() {
    List<Kcat.Record> seen = kcat.readAll(stack.bootstrapServers(), run.latentTopic(), true);

    assertThat(seen).hasSize(RECORDS);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected(latent, latentSchemaId));
  }

  @Test
  void shouldSeeTheSameReconstructedRecordsUnderTheSourceSchemaIdInKcat() {
    List<Kcat.Record> seen = kcat.readAll(stack.bootstrapServers(), run.reconstructedTopic(), true);

    assertThat(seen).hasSize(RECORDS);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected(reconstructed, sourceSchemaId));
    assertThat(seen).allSatisfy(r -> assertThat(r.wireHeader()).isEqualTo("0" + sourceSchemaId));
  }

  @Test
  void shouldShowTheDeadLetterReasonAndSourceOffsetInKcatHeaders() {
    List<Kcat.Record> seen = kcat.readAll(stack.bootstrapServers(), run.rawTopic() + ".dlq", false);

    assertThat(result.deadLetters()).hasSize(2);
    assertThat(seen).hasSize(2);
    Map<String, Kcat.Record> byKey = new LinkedHashMap<>();
    seen.forEach(r -> byKey.put(r.key(), r));
    for (ConsumerRecord<byte[], byte[]> java : result.deadLetters()) {
      String key = new String(java.key(), StandardCharsets.UTF_8);
      Kcat.Record k = byKey.get(key);
      assertThat(k).as("dead letter %s in kcat", key).isNotNull();
      assertThat(k.valueSize()).isEqualTo(java.value().length);
      Map<String, String> kcatHeaders = parseHeaders(k.headers());
      assertThat(kcatHeaders).isEqualTo(headers(java));
      assertThat(kcatHeaders)
          .containsEntry(DeadLetters.HEADER_TOPIC, TOPIC)
          .containsKeys(
              DeadLetters.HEADER_REASON,
              DeadLetters.HEADER_EXCEPTION,
              DeadLetters.HEADER_PARTITION,
              DeadLetters.HEADER_OFFSET);
      assertThat(kcatHeaders.get(DeadLetters.HEADER_OFFSET)).matches("\\d+");
    }
  }

  /** What kcat must print for records the Java consumer read. */
  static List<Kcat.Record> expected(List<ConsumerRecord<byte[], byte[]>> records, int schemaId) {
    return records.stream()
        .map(
            r -> {
              assertThat(schemaId(r.value()))
                  .as("schema id at offset %d", r.offset())
                  .isEqualTo(schemaId);
              return new Kcat.Record(
                  r.partition(),
                  r.offset(),
                  r.timestamp(),
                  new String(r.key(), StandardCharsets.UTF_8),
                  r.value().length,
                  "0" + schemaId,
                  "");
            })
        .toList();
  }

  /** Schema id of a Confluent wire-format value, checking the magic byte. */
  static int schemaId(byte[] value) {
    assertThat(value.length).isGreaterThanOrEqualTo(5);
    assertThat(value[0]).as("magic byte").isZero();
    return ByteBuffer.wrap(value, 1, 4).getInt();
  }

  static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      m.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return m;
  }

  /**
   * kcat's {@code %h} is {@code name=value} pairs joined by commas, with no escaping; a reason may
   * hold commas, so split only where the next dead-letter header name starts.
   */
  static Map<String, String> parseHeaders(String printed) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : printed.split(",(?=latentwire\\.dlq\\.[a-z.]+=)")) {
      int eq = pair.indexOf('=');
      m.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return m;
  }

  static Duration timeout() {
    return Duration.ofSeconds(30);
  }
}
