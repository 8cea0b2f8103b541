package io.latentwire.ops.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.ops.demo.TelemetryConfig;
import io.latentwire.ops.demo.TelemetryGenerator;
import io.latentwire.ops.embedded.LocalStack;
import io.latentwire.ops.eos.TelemetryBundles;
import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicSpec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.schemas.examples.TelemetryRecord;
import io.latentwire.streams.app.PipelineApp;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.models.ModelPublisher;
import io.latentwire.streams.processor.DeadLetters;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.SpecificAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decoder without model.path follows the models topic: codes of two published models both decode
 * in one stream (old records keep decoding after a rollout), and codes of an unpublished model go
 * to the dead-letter topic with the reason.
 */
class ModelRolloutIntegrationTest {
  @TempDir Path dir;

  @Test
  void shouldDecodeEveryRecordWithTheModelItNamesFromTheModelsTopic() throws Exception {
    ModelBundle a = TelemetryBundles.linear(4, 1);
    ModelBundle b = TelemetryBundles.linear(6, 2);
    ModelBundle unpublished = TelemetryBundles.linear(3, 3);
    try (LocalStack stack = LocalStack.start()) {
      HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.forUrls(stack.registryUrl());
      Map<String, Object> client = Map.of("bootstrap.servers", stack.bootstrapServers());
      try (TopicAdmin admin = TopicAdmin.connect(stack.bootstrapServers())) {
        admin.createTopics(
            List.of(
                TopicSpec.of("roll.latent", 2),
                TopicSpec.of("roll.reconstructed", 2),
                TopicSpec.of("roll.latent.dlq", 1)));
      }
      ModelPublisher publisher =
          new ModelPublisher(client, "latentwire.models", Duration.ofSeconds(30));
      publisher.publish(a, "model A", null);
      publisher.publish(b, "model B", null);

      int sourceId = registry.register("roll-value", TelemetryRecord.getClassSchema());
      SpecificAvroSerializer<LatentRecord> latentSerde =
          new SpecificAvroSerializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults());
      TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(5));
      Map<String, String> expectedModel = new HashMap<>();
      List<ProducerRecord<byte[], byte[]>> toSend = new ArrayList<>();
      ModelBundle[] order = {a, b, unpublished};
      for (ModelBundle m : order) {
        try (LatentCodec codec = LatentCodec.open(m, InferenceOptions.cpu())) {
          RecordCodec rc = new RecordCodec(codec);
          for (int i = 0; i < 50; i++) {
            TelemetryRecord r = gen.next().record();
            String key = m.id().shortHex() + "-" + i;
            expectedModel.put(key, m.id().shortHex());
            byte[] v = latentSerde.serialize("roll.latent", rc.encode(toGeneric(r), sourceId));
            toSend.add(
                new ProducerRecord<>("roll.latent", key.getBytes(StandardCharsets.UTF_8), v));
          }
        }
      }
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
        toSend.forEach(producer::send);
      }

      Map<String, Object> cfg = new HashMap<>();
      cfg.put("topic", "roll");
      cfg.put("bootstrap.servers", stack.bootstrapServers());
      cfg.put("schema.registry.url", stack.registryUrl());
      cfg.put("state.dir", dir.resolve("state").toString());
      cfg.put("http.port", "0");
      cfg.put("commit.interval.ms", "100");
      List<String> decoded = new ArrayList<>();
      List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
      try (PipelineApp decoder =
              PipelineApp.start(Side.DECODE, new LatentwireConfig(cfg), registry);
          KafkaConsumer<byte[], byte[]> out = consumer(stack, "roll.reconstructed");
          KafkaConsumer<byte[], byte[]> dlq = consumer(stack, "roll.latent.dlq")) {
        GenericAvroDeserializer des = new GenericAvroDeserializer(registry);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while ((decoded.size() < 100 || dead.size() < 50) && System.nanoTime() < deadline) {
          for (ConsumerRecord<byte[], byte[]> r : out.poll(Duration.ofMillis(200))) {
            assertThat(des.deserializeWithId(r.topic(), r.value()).schemaId()).isEqualTo(sourceId);
            decoded.add(new String(r.key(), StandardCharsets.UTF_8));
          }
          dlq.poll(Duration.ofMillis(50)).forEach(dead::add);
        }
        assertThat(decoder.failure()).isNull();
      }
      assertThat(decoded).hasSize(100).doesNotHaveDuplicates();
      assertThat(decoded)
          .allSatisfy(
              k -> assertThat(expectedModel.get(k)).isIn(a.id().shortHex(), b.id().shortHex()));
      assertThat(dead).hasSize(50);
      String reason =
          new String(
              dead.get(0).headers().lastHeader(DeadLetters.HEADER_REASON).value(),
              StandardCharsets.UTF_8);
      assertThat(reason).contains(unpublished.id().shortHex());
    }
  }

  private static org.apache.avro.generic.GenericRecord toGeneric(TelemetryRecord r)
      throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    var enc = org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
    new org.apache.avro.specific.SpecificDatumWriter<TelemetryRecord>(TelemetryRecord.class)
        .write(r, enc);
    enc.flush();
    return new org.apache.avro.generic.GenericDatumReader<org.apache.avro.generic.GenericRecord>(
            TelemetryRecord.getClassSchema())
        .read(
            null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
  }

  private static KafkaConsumer<byte[], byte[]> consumer(LocalStack stack, String topic) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + topic + System.nanoTime());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<byte[], byte[]> k =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    k.subscribe(List.of(topic));
    return k;
  }
}
