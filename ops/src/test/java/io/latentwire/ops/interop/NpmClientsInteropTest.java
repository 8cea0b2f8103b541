package io.latentwire.ops.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.ops.demo.TelemetryConfig;
import io.latentwire.ops.demo.TelemetryGenerator;
import io.latentwire.ops.embedded.LocalStack;
import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.pipeline.PipelineRun;
import io.latentwire.schemas.examples.TelemetryRecord;
import io.latentwire.streams.app.PipelineApp;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.RecordWithSchemaId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline between Node.js clients nobody here wrote: Confluent's official
 * {@code @confluentinc/schemaregistry} and {@code @kafkajs/confluent-schema-registry} register the
 * schema in the embedded registry and serialize records that {@code kafkajs} produces; after the
 * encode and decode apps ran, kafkajs reads the reconstructed topic and both npm clients decode it.
 * Everything they see must agree with the project's own serde.
 *
 * <p>Scripts: {@code ops/interop/node/}. Skipped, saying why, without node, npm or the installed
 * clients (unless {@code LATENTWIRE_INTEROP_REQUIRED=true}).
 */
class NpmClientsInteropTest {
  static final int RECORDS = 400;
  static final String TOPIC = "pumps";

  @TempDir Path dir;
  LocalStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldRoundTripRecordsProducedAndDecodedByTheNpmClientsThroughThePipeline() {
    NodeScripts node = NodeScripts.require();
    stack = LocalStack.start();
    HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.forUrls(stack.registryUrl());
    Schema schema = TelemetryRecord.getClassSchema();

    // (a) Both npm clients register the input schema; same schema, same subject, same id.
    Path avsc = write("telemetry.avsc", schema.toString(true));
    JsonNode ids =
        node.run(
                "register.js",
                List.of(
                    "--registry", stack.registryUrl(),
                    "--subject", TOPIC + "-value",
                    "--schema", avsc.toString()),
                Duration.ofSeconds(60))
            .get(0);
    int schemaId = ids.get("confluentId").asInt();
    assertThat(ids.get("kafkajsId").asInt()).isEqualTo(schemaId);
    assertThat(ids.get("kafkajsLatestId").asInt()).isEqualTo(schemaId);
    assertThat(registry.getById(schemaId)).isEqualTo(schema);

    // (b) kafkajs produces; even records serialized by Confluent's client, odd ones by kafkajs's.
    List<TelemetryRecord> records = telemetry();
    PipelineRun run = pipeline(registry);
    try (TopicAdmin admin = TopicAdmin.connect(stack.bootstrapServers())) {
      run.createTopics(admin);
    }
    Path input = dir.resolve("records.jsonl");
    NodeScripts.writeJsonLines(input, records.stream().map(NpmClientsInteropTest::asJson).toList());
    JsonNode produced =
        node.run(
                "produce.js",
                List.of(
                    "--bootstrap", stack.bootstrapServers(),
                    "--registry", stack.registryUrl(),
                    "--topic", TOPIC,
                    "--schema-id", Integer.toString(schemaId),
                    "--records", input.toString()),
                Duration.ofSeconds(60))
            .get(0);
    assertThat(produced.get("produced").asInt()).isEqualTo(RECORDS);

    // What the npm clients wrote is what the project's own deserializer reads.
    GenericAvroDeserializer serde = new GenericAvroDeserializer(registry);
    Map<String, TelemetryRecord> byKey = new HashMap<>();
    records.forEach(r -> byKey.put(key(r), r));
    List<ConsumerRecord<byte[], byte[]>> raw =
        TopicReader.readAll(stack.bootstrapServers(), TOPIC, RECORDS, Duration.ofSeconds(30));
    assertThat(raw).hasSize(RECORDS);
    for (ConsumerRecord<byte[], byte[]> r : raw) {
      RecordWithSchemaId v = serde.deserializeWithId(TOPIC, r.value());
      assertThat(v.schemaId()).isEqualTo(schemaId);
      TelemetryRecord original = byKey.get(new String(r.key(), StandardCharsets.UTF_8));
      assertThat(original).isNotNull();
      for (Schema.Field f : schema.getFields()) {
        Object expected =
            f.name().equals("timestamp")
                ? original.getTimestamp().toEpochMilli()
                : original.get(f.name());
        assertThat(String.valueOf(v.value().get(f.name())))
            .as("%s of %s", f.name(), r.key())
            .isEqualTo(String.valueOf(expected));
      }
    }

    // The Java pipeline encodes and decodes.
    List<ConsumerRecord<byte[], byte[]>> reconstructed;
    try (PipelineApp encoder = start(run, Side.ENCODE, registry);
        PipelineApp decoder = start(run, Side.DECODE, registry)) {
      reconstructed =
          TopicReader.readAll(
              stack.bootstrapServers(), run.reconstructedTopic(), RECORDS, Duration.ofSeconds(60));
      assertThat(encoder.failure()).isNull();
      assertThat(decoder.failure()).isNull();
    }
    assertThat(reconstructed).hasSize(RECORDS);

    // (c) kafkajs consumes the reconstructed topic; both npm registry clients decode each value.
    List<JsonNode> decoded =
        node.run(
            "consume.js",
            List.of(
                "--bootstrap", stack.bootstrapServers(),
                "--registry", stack.registryUrl(),
                "--topic", run.reconstructedTopic(),
                "--expect", Integer.toString(RECORDS),
                "--timeout-ms", "45000"),
            Duration.ofSeconds(75));
    assertThat(decoded).hasSize(RECORDS);
    Map<String, ConsumerRecord<byte[], byte[]>> javaByPosition = new HashMap<>();
    reconstructed.forEach(r -> javaByPosition.put(r.partition() + "@" + r.offset(), r));
    List<String> passthrough = List.of("deviceId", "timestamp");
    for (JsonNode js : decoded) {
      String position = js.get("partition").asInt() + "@" + js.get("offset").asLong();
      ConsumerRecord<byte[], byte[]> java = javaByPosition.remove(position);
      assertThat(java).as("record %s seen by kafkajs but not by Java", position).isNotNull();
      String key = new String(java.key(), StandardCharsets.UTF_8);
      assertThat(js.get("key").asText()).isEqualTo(key);
      assertThat(js.get("timestamp").asLong()).isEqualTo(java.timestamp());
      assertThat(js.get("size").asInt()).isEqualTo(java.value().length);
      assertThat(js.get("schemaId").asInt()).as("schema id of %s", key).isEqualTo(schemaId);

      JsonNode confluent = js.get("confluent");
      JsonNode kafkajs = js.get("kafkajs");
      assertThat(kafkajs).as("both npm clients decode %s alike", key).isEqualTo(confluent);
      GenericRecord ours = serde.deserializeWithId(run.reconstructedTopic(), java.value()).value();
      TelemetryRecord original = byKey.get(key);
      assertThat(confluent.get("deviceId").asText()).isEqualTo(original.getDeviceId());
      assertThat(confluent.get("timestamp").asLong())
          .isEqualTo(original.getTimestamp().toEpochMilli());
      for (Schema.Field f : schema.getFields()) {
        if (passthrough.contains(f.name())) {
          continue;
        }
        // A float read by JavaScript is the same number widened to a double: compare exactly.
        double fromJs = confluent.get(f.name()).asDouble();
        assertThat(fromJs)
            .as("mapped field %s of %s", f.name(), key)
            .isEqualTo((double) (Float) ours.get(f.name()));
      }
    }
    assertThat(javaByPosition).as("records Java saw but kafkajs did not").isEmpty();
  }

  PipelineRun pipeline(HttpSchemaRegistryClient registry) {
    Path model = dir.resolve("linear.lwm");
    ModelBundle bundle = KcatInteropTest.linearModel();
    bundle.write(model);
    return new PipelineRun(
        new PipelineRun.Spec(
            stack.bootstrapServers(),
            stack.registryUrl(),
            registry,
            model,
            TOPIC,
            2,
            dir.resolve("state"),
            Duration.ofSeconds(60)));
  }

  /**
   * Starts one side. The decoder writes gzip batches: kafkajs reads gzip natively but needs an
   * extra codec package for zstd, the compression PipelineRun uses by default.
   */
  static PipelineApp start(PipelineRun run, Side side, HttpSchemaRegistryClient registry) {
    Map<String, Object> overrides =
        side == Side.DECODE ? Map.of("producer.compression.type", "gzip") : Map.of();
    return PipelineApp.start(side, new LatentwireConfig(run.appConfig(side, overrides)), registry);
  }

  static List<TelemetryRecord> telemetry() {
    TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(21L));
    List<TelemetryRecord> out = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      out.add(gen.next().record());
    }
    return out;
  }

  static String key(TelemetryRecord r) {
    return r.getDeviceId() + "@" + r.getTimestamp().toEpochMilli();
  }

  /**
   * A record for produce.js. Floats are written as the exact double they widen to, so JavaScript
   * narrows them back to the very same float (no decimal round trip).
   */
  static JsonNode asJson(TelemetryRecord r) {
    ObjectNode value = NodeScripts.object();
    for (Schema.Field f : r.getSchema().getFields()) {
      Object v = r.get(f.name());
      if (v instanceof Float x) {
        value.put(f.name(), (double) x);
      } else if (v instanceof java.time.Instant t) {
        value.put(f.name(), t.toEpochMilli());
      } else {
        value.put(f.name(), v.toString());
      }
    }
    ObjectNode line = NodeScripts.object();
    line.put("key", key(r));
    line.put("timestamp", r.getTimestamp().toEpochMilli());
    line.set("value", value);
    return line;
  }

  Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
