package io.latentwire.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.config.LatentwireConfig.ErrorPolicy;
import io.latentwire.streams.health.HealthStatus;
import io.latentwire.streams.health.Http;
import io.latentwire.streams.health.OpsHttpServer;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.topology.DecodeTopology;
import io.latentwire.streams.topology.EncodeTopology;
import io.latentwire.streams.topology.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline meters, read back through the real {@code /metrics} endpoint after records went
 * through the real topologies.
 */
class PipelineMetricsTopologyTest {
  static final Schema READING =
      SchemaBuilder.record("Reading")
          .namespace("test")
          .fields()
          .requiredFloat("a")
          .requiredFloat("b")
          .requiredFloat("c")
          .endRecord();
  static final Topics ENCODE = new Topics("t", "t.latent", "t.dlq");
  static final Topics DECODE = new Topics("t.latent", "t.reconstructed", "t.latent.dlq");

  /** c is not in the latent code (latent 2 of 3 features), so it always reconstructs as 0. */
  static final float C = 3f;

  final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final Http http = new Http();
  LatentCodec codec;
  RecordCodec recordCodec;
  String model;
  OpsHttpServer server;

  @BeforeEach
  void setUp() {
    codec =
        LatentCodec.open(
            TestBundles.identityOnScalars(List.of("a", "b", "c"), 2, 0.01f),
            InferenceOptions.cpu());
    recordCodec = new RecordCodec(codec);
    model = codec.modelId().shortHex();
    server =
        OpsHttpServer.start(
            "127.0.0.1",
            0,
            () -> new HealthStatus(true, true, "RUNNING", null),
            prometheus::scrape);
  }

  @AfterEach
  void tearDown() {
    server.close();
    codec.close();
    prometheus.close();
  }

  @Test
  void shouldShowRecordsBytesRatioBatchesLatencyAndSampledErrorOfTheEncoderOnMetrics() {
    PipelineMetrics metrics =
        new PipelineMetrics(
            prometheus, Side.ENCODE, "t", model, new ReconstructionSampler(recordCodec, 2));
    List<byte[]> sources = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sources.add(wire(reading(i * 0.5f, -i, C)));
    }
    byte[] garbage = "not avro".getBytes();
    List<TestRecord<byte[], byte[]>> latent;
    try (TopologyTestDriver d =
        driver(
            EncodeTopology.build(
                ENCODE,
                ErrorPolicy.CONTINUE,
                recordCodec,
                registry,
                io.latentwire.streams.batch.BatchSettings.perRecord(),
                new io.latentwire.streams.batch.BatchStats(),
                metrics))) {
      TestInputTopic<byte[], byte[]> in = input(d, "t");
      sources.forEach(v -> in.pipeInput("k".getBytes(), v));
      in.pipeInput("bad".getBytes(), garbage);
      in.pipeInput("gone".getBytes(), (byte[]) null);
      latent =
          d.createOutputTopic("t.latent", new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .readRecordsToList();
    }
    long sourceBytes = sources.stream().mapToLong(v -> v.length).sum();
    long latentBytes =
        latent.stream().filter(r -> r.value() != null).mapToLong(r -> r.value().length).sum();

    Http.Response r = http.get(server.uri(), "/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    Scrape s = new Scrape(r.body());
    String[] enc = {"side", "encode", "topic", "t", "model", model};
    assertThat(s.value("latentwire_records_in_total", enc)).isEqualTo(7);
    assertThat(s.value("latentwire_records_out_total", and(enc, "outcome", "ok"))).isEqualTo(6);
    assertThat(s.value("latentwire_records_out_total", and(enc, "outcome", "dead-letter")))
        .isEqualTo(1);
    assertThat(s.value("latentwire_bytes_in_total", and(enc, "outcome", "ok")))
        .isEqualTo(sourceBytes);
    assertThat(s.value("latentwire_bytes_out_total", and(enc, "outcome", "ok")))
        .isEqualTo(latentBytes);
    assertThat(s.value("latentwire_bytes_in_total", and(enc, "outcome", "dead-letter")))
        .isEqualTo(garbage.length);
    assertThat(s.value("latentwire_compression_ratio", enc))
        .isCloseTo((double) sourceBytes / latentBytes, within(1e-9));
    // Per-record batching: every record (poison and tombstone too) is a batch of 1; only the 5
    // good records reach inference.
    assertThat(s.value("latentwire_batch_size_count", enc)).isEqualTo(7);
    assertThat(s.value("latentwire_batch_size_sum", enc)).isEqualTo(7);
    assertThat(s.value("latentwire_inference_latency_seconds_count", enc)).isEqualTo(5);
    assertThat(s.value("latentwire_inference_latency_seconds_bucket", and(enc, "le", "+Inf")))
        .isEqualTo(5);
    assertThat(s.find("latentwire_inference_latency_seconds_bucket", enc)).hasSizeGreaterThan(10);
    // Records 2 and 4 of 5 are sampled; each loses c entirely (error 3 of range 10).
    assertThat(s.value("latentwire_reconstruction_max_abs_error_count", enc)).isEqualTo(2);
    assertThat(s.value("latentwire_reconstruction_max_abs_error_sum", enc))
        .isCloseTo(2 * C, within(0.02));
    double meanSquaredRelative = (C / 10) * (C / 10) / 3;
    assertThat(s.value("latentwire_reconstruction_relative_squared_error_sum", enc))
        .isCloseTo(2 * meanSquaredRelative, within(1e-3));
    assertThat(s.value("latentwire_reconstruction_psnr_db", enc))
        .isCloseTo(10 * Math.log10(1 / meanSquaredRelative), within(0.1));
  }

  @Test
  void shouldShowTheSameCompressionRatioOnTheDecoderSide() {
    List<TestRecord<byte[], byte[]>> latent;
    try (TopologyTestDriver d =
        driver(EncodeTopology.build(ENCODE, ErrorPolicy.CONTINUE, recordCodec, registry))) {
      TestInputTopic<byte[], byte[]> in = input(d, "t");
      for (int i = 0; i < 4; i++) {
        in.pipeInput("k".getBytes(), wire(reading(i, i, 0f)));
      }
      latent =
          d.createOutputTopic("t.latent", new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .readRecordsToList();
    }
    PipelineMetrics metrics = new PipelineMetrics(prometheus, Side.DECODE, "t", model, null);
    long reconstructedBytes;
    try (TopologyTestDriver d =
        driver(
            DecodeTopology.build(
                DECODE,
                ErrorPolicy.CONTINUE,
                recordCodec,
                registry,
                io.latentwire.streams.batch.BatchSettings.perRecord(),
                new io.latentwire.streams.batch.BatchStats(),
                metrics))) {
      TestInputTopic<byte[], byte[]> in = input(d, "t.latent");
      latent.forEach(in::pipeInput);
      in.pipeInput("bad".getBytes(), new byte[] {0, 0, 0, 0, 9, 9});
      reconstructedBytes =
          d
              .createOutputTopic(
                  "t.reconstructed", new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .readRecordsToList()
              .stream()
              .mapToLong(r -> r.value().length)
              .sum();
    }
    long latentBytes = latent.stream().mapToLong(r -> r.value().length).sum();
    Scrape s = new Scrape(http.get(server.uri(), "/metrics").body());
    String[] dec = {"side", "decode", "model", model};
    assertThat(s.value("latentwire_records_in_total", dec)).isEqualTo(5);
    assertThat(s.value("latentwire_records_out_total", and(dec, "outcome", "ok"))).isEqualTo(4);
    assertThat(s.value("latentwire_records_out_total", and(dec, "outcome", "dead-letter")))
        .isEqualTo(1);
    assertThat(s.value("latentwire_bytes_in_total", and(dec, "outcome", "ok")))
        .isEqualTo(latentBytes);
    assertThat(s.value("latentwire_bytes_out_total", and(dec, "outcome", "ok")))
        .isEqualTo(reconstructedBytes);
    assertThat(s.value("latentwire_compression_ratio", dec))
        .isCloseTo((double) reconstructedBytes / latentBytes, within(1e-9));
    assertThat(s.value("latentwire_inference_latency_seconds_count", dec)).isEqualTo(4);
    // Only the encoder samples reconstruction error.
    assertThat(s.value("latentwire_reconstruction_max_abs_error_count", dec)).isZero();
  }

  @Test
  void shouldSampleNothingWhenSamplingIsOff() {
    PipelineMetrics metrics =
        new PipelineMetrics(
            prometheus, Side.ENCODE, "t", model, new ReconstructionSampler(recordCodec, 0));
    try (TopologyTestDriver d =
        driver(
            EncodeTopology.build(
                ENCODE,
                ErrorPolicy.CONTINUE,
                recordCodec,
                registry,
                io.latentwire.streams.batch.BatchSettings.perRecord(),
                new io.latentwire.streams.batch.BatchStats(),
                metrics))) {
      TestInputTopic<byte[], byte[]> in = input(d, "t");
      for (int i = 0; i < 3; i++) {
        in.pipeInput("k".getBytes(), wire(reading(1, 2, C)));
      }
    }
    Scrape s = new Scrape(prometheus.scrape());
    assertThat(s.value("latentwire_records_in_total", "side", "encode")).isEqualTo(3);
    assertThat(s.value("latentwire_reconstruction_max_abs_error_count", "side", "encode")).isZero();
    assertThat(s.value("latentwire_reconstruction_psnr_db", "side", "encode")).isNaN();
  }

  private static String[] and(String[] labels, String key, String value) {
    String[] out = java.util.Arrays.copyOf(labels, labels.length + 2);
    out[labels.length] = key;
    out[labels.length + 1] = value;
    return out;
  }

  private static GenericRecord reading(float a, float b, float c) {
    GenericData.Record r = new GenericData.Record(READING);
    r.put("a", a);
    r.put("b", b);
    r.put("c", c);
    return r;
  }

  private byte[] wire(GenericRecord r) {
    return new GenericAvroSerializer(registry, AvroSerdeConfig.defaults()).serialize("t", r);
  }

  private static TestInputTopic<byte[], byte[]> input(TopologyTestDriver d, String topic) {
    return d.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static TopologyTestDriver driver(Topology t) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return new TopologyTestDriver(t, p);
  }
}
