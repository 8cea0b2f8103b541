package io.latentwire.ops.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.payload.PayloadFormat;
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
import io.latentwire.streams.errors.LatentwireStreamsException;
import io.latentwire.streams.models.Ed25519Keys;
import io.latentwire.streams.models.ModelPublisher;
import io.latentwire.streams.models.ModelSigner;
import io.latentwire.streams.processor.DeadLetters;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.SpecificAvroDeserializer;
import io.latentwire.streams.serde.SpecificAvroSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encoder configured with {@code model.id} only, on the embedded broker: the model comes from
 * the models topic (published with {@link ModelPublisher}, signed, signatures required), records
 * encode under the configured bound and decode on a decoder that follows the topic; a code of a
 * model nobody published is dead-lettered with its id. An id that is not there, or a bundle the
 * signature policy refuses, stops the encoder at start-up with the id and the topic.
 */
@Timeout(180)
class ModelIdIntegrationTest {
  static final String MODELS = "latentwire.models";
  static final int RECORDS = 100;

  @TempDir static Path dir;
  static LocalStack stack;
  static HttpSchemaRegistryClient registry;
  static KeyPair key;
  static ModelBundle signed;
  static ModelBundle unsigned;

  @BeforeAll
  static void startTheStackAndPublish() {
    stack = LocalStack.start();
    registry = HttpSchemaRegistryClient.forUrls(stack.registryUrl());
    key = Ed25519Keys.generate();
    signed = TelemetryBundles.linear(4, 11);
    unsigned = TelemetryBundles.linear(5, 12);
    ModelPublisher publisher =
        new ModelPublisher(
            Map.of("bootstrap.servers", stack.bootstrapServers()), MODELS, Duration.ofSeconds(30));
    publisher.publish(signed, "signed", ModelSigner.of("ops", key.getPrivate()));
    publisher.publish(unsigned, "unsigned", null);
  }

  @AfterAll
  static void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldEncodeWithTheModelNamedByIdAndDecodeOnADecoderFollowingTheTopic() throws Exception {
    createTopics("byid");
    ModelBundle stranger = TelemetryBundles.linear(3, 13); // never published
    int sourceId = registry.register("byid-value", TelemetryRecord.getClassSchema());
    TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(21));
    Map<String, GenericRecord> sent = new HashMap<>();
    List<ProducerRecord<byte[], byte[]>> toSend = new ArrayList<>();
    GenericAvroSerializer ser = new GenericAvroSerializer(registry, AvroSerdeConfig.defaults());
    for (int i = 0; i < RECORDS; i++) {
      TelemetryRecord r = gen.next().record();
      String k = "r-" + i;
      sent.put(k, generic(r));
      toSend.add(new ProducerRecord<>("byid", bytes(k), ser.serialize("byid", r)));
    }
    // A code of an unpublished model, straight onto the latent topic.
    byte[] strangerCode;
    try (LatentCodec c = LatentCodec.open(stranger, InferenceOptions.cpu())) {
      strangerCode =
          new SpecificAvroSerializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults())
              .serialize(
                  "byid.latent", new RecordCodec(c).encode(generic(gen.next().record()), sourceId));
    }
    produce(toSend);
    produce(List.of(new ProducerRecord<>("byid.latent", bytes("stranger"), strangerCode)));

    Map<String, Object> enc = config("byid", "enc");
    // As 'latentwire model list' prints it: the 16-hex-digit prefix.
    enc.put("model.id", signed.id().shortHex());
    enc.put("models.require.signature", "true");
    enc.put("models.trusted.keys", trusted());
    enc.put("encode.max.abs.error", "0.5");
    Map<String, Object> dec = config("byid", "dec");
    Map<String, GenericRecord> decoded = new HashMap<>();
    List<ConsumerRecord<byte[], byte[]>> latents = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
    try (PipelineApp encoder = PipelineApp.start(Side.ENCODE, new LatentwireConfig(enc), registry);
        PipelineApp decoder = PipelineApp.start(Side.DECODE, new LatentwireConfig(dec), registry);
        KafkaConsumer<byte[], byte[]> latentOut = consumer("byid.latent");
        KafkaConsumer<byte[], byte[]> out = consumer("byid.reconstructed");
        KafkaConsumer<byte[], byte[]> dlq = consumer("byid.latent.dlq")) {
      GenericAvroDeserializer des = new GenericAvroDeserializer(registry);
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while ((decoded.size() < RECORDS || dead.isEmpty()) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : out.poll(Duration.ofMillis(200))) {
          decoded.put(key(r), des.deserializeWithId(r.topic(), r.value()).value());
        }
        latentOut.poll(Duration.ofMillis(20)).forEach(latents::add);
        dlq.poll(Duration.ofMillis(20)).forEach(dead::add);
      }
      latentOut.poll(Duration.ofMillis(200)).forEach(latents::add);
      assertThat(encoder.failure()).isNull();
      assertThat(decoder.failure()).isNull();
    }
    assertThat(decoded.keySet()).isEqualTo(sent.keySet());
    SpecificAvroDeserializer<LatentRecord> latentDes =
        new SpecificAvroDeserializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults());
    List<LatentRecord> encoded =
        latents.stream()
            .filter(r -> !key(r).equals("stranger"))
            .map(r -> latentDes.deserialize(r.topic(), r.value()))
            .toList();
    assertThat(encoded).hasSize(RECORDS);
    assertThat(encoded)
        .as("every code names the model given by id")
        .allSatisfy(l -> assertThat(signed.id().matches(l.getModelId().bytes())).isTrue());
    assertThat(encoded)
        .as("the bound needs residuals with this 4-of-12-channel model")
        .anySatisfy(l -> assertThat(PayloadFormat.header(payload(l)).hasResidual()).isTrue());
    for (Map.Entry<String, GenericRecord> e : sent.entrySet()) {
      for (String channel : channels()) {
        float in = ((Number) e.getValue().get(channel)).floatValue();
        float back = ((Number) decoded.get(e.getKey()).get(channel)).floatValue();
        assertThat(Math.abs(in - back))
            .as("%s of %s", channel, e.getKey())
            .isLessThanOrEqualTo(0.5f);
      }
    }
    assertThat(dead).extracting(ModelIdIntegrationTest::key).containsExactly("stranger");
    assertThat(header(dead.get(0), DeadLetters.HEADER_REASON))
        .contains(stranger.id().shortHex())
        .contains(MODELS);
  }

  @Test
  void shouldStopAtStartUpNamingTheIdAndTheTopicWhenNoSuchModelIsPublished() {
    Map<String, Object> enc = config("unknown", "enc");
    String missing = "0123456789abcdef";
    enc.put("model.id", missing);
    enc.put("models.wait.timeout.ms", "500");
    long start = System.nanoTime();
    assertThatThrownBy(() -> PipelineApp.start(Side.ENCODE, new LatentwireConfig(enc), registry))
        .isInstanceOf(LatentwireStreamsException.class)
        .hasMessageContaining("model.id=" + missing)
        .hasMessageContaining(MODELS)
        .hasMessageContaining("waited 500 ms")
        .hasMessageContaining(signed.id().shortHex());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void shouldStopAtStartUpWithTheReasonWhenTheSignaturePolicyRefusesTheModel() {
    Map<String, Object> enc = config("refused", "enc");
    enc.put("model.id", unsigned.id().hex());
    enc.put("models.require.signature", "true");
    enc.put("models.trusted.keys", trusted());
    assertThatThrownBy(() -> PipelineApp.start(Side.ENCODE, new LatentwireConfig(enc), registry))
        .isInstanceOf(LatentwireStreamsException.class)
        .hasMessageContaining("model.id=" + unsigned.id().hex())
        .hasMessageContaining(MODELS)
        .hasMessageContaining("refused")
        .hasMessageContaining("sign");
  }

  // ---------------------------------------------------------------------------------------------

  private static Map<String, Object> config(String topic, String instance) {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("topic", topic);
    cfg.put("bootstrap.servers", stack.bootstrapServers());
    cfg.put("schema.registry.url", stack.registryUrl());
    cfg.put("state.dir", dir.resolve("state-" + topic + "-" + instance).toString());
    cfg.put("http.port", "0");
    cfg.put("commit.interval.ms", "100");
    cfg.put("num.stream.threads", "1");
    return cfg;
  }

  private static String trusted() {
    return "ops:" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
  }

  private static void createTopics(String t) {
    try (TopicAdmin admin = TopicAdmin.connect(stack.bootstrapServers())) {
      admin.createTopics(
          List.of(
              TopicSpec.of(t, 2),
              TopicSpec.of(t + ".latent", 2),
              TopicSpec.of(t + ".reconstructed", 2),
              TopicSpec.of(t + ".dlq", 1),
              TopicSpec.of(t + ".latent.dlq", 1)));
    }
  }

  private static void produce(List<ProducerRecord<byte[], byte[]>> records) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      records.forEach(producer::send);
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String topic) {
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

  private static List<String> channels() {
    return signed.manifest().mapping().fields().stream().map(f -> f.name()).toList();
  }

  /** The record as a generic one of the same schema (what the encoder deserializes). */
  private static GenericRecord generic(TelemetryRecord r) {
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      var enc = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
      new org.apache.avro.specific.SpecificDatumWriter<>(TelemetryRecord.class).write(r, enc);
      enc.flush();
      return new org.apache.avro.generic.GenericDatumReader<GenericRecord>(
              TelemetryRecord.getClassSchema())
          .read(
              null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] payload(LatentRecord l) {
    ByteBuffer b = l.getPayload().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
