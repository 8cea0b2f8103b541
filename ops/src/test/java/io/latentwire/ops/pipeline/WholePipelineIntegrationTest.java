package io.latentwire.ops.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.dataset.DataFormat;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.metrics.FidelityMeter;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.ops.demo.TelemetryConfig;
import io.latentwire.ops.demo.TelemetryGenerator;
import io.latentwire.ops.embedded.LocalStack;
import io.latentwire.schemas.examples.TelemetryRecord;
import io.latentwire.streams.processor.DeadLetters;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.trainer.pipeline.ModelTrainer;
import io.latentwire.trainer.pipeline.TrainingMonitor;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the real components: a model trained with DJL on generated telemetry,
 * encode and decode Kafka Streams apps (exactly_once_v2) on an embedded KRaft broker, the embedded
 * schema registry over HTTP, and every reconstructed record checked.
 */
class WholePipelineIntegrationTest {
  static final int RECORDS = 3000;

  @TempDir static Path dir;
  static LocalStack stack;
  static ModelBundle bundle;
  static List<String> keys = new ArrayList<>();
  static List<GenericRecord> records = new ArrayList<>();
  static PipelineRun.Result result;
  static int sourceSchemaId;

  @BeforeAll
  static void runThePipeline() throws Exception {
    TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(11L));
    Path training = dir.resolve("train.avro");
    try (DataFileWriter<TelemetryRecord> w =
        new DataFileWriter<>(new SpecificDatumWriter<>(TelemetryRecord.class))) {
      w.create(TelemetryRecord.getClassSchema(), training.toFile());
      for (int i = 0; i < 20_000; i++) {
        w.append(gen.next().record());
      }
    }
    TrainingOptions options =
        TrainingOptions.defaults(6).withEpochs(8).withHiddenSizes(List.of(64, 32));
    try (Dataset d = Datasets.open(training, DataFormat.AVRO)) {
      bundle = new ModelTrainer(TrainingMonitor.NONE).train(d, options).bundle();
    }
    Path model = dir.resolve("telemetry.lwm");
    bundle.write(model);
    for (int i = 0; i < RECORDS; i++) {
      TelemetryRecord r = gen.next().record();
      keys.add(r.getDeviceId() + "@" + r.getTimestamp().toEpochMilli());
      records.add(r);
    }

    stack = LocalStack.start();
    HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.forUrls(stack.registryUrl());
    sourceSchemaId = registry.register("telemetry-value", TelemetryRecord.getClassSchema());
    PipelineRun run =
        new PipelineRun(
            new PipelineRun.Spec(
                stack.bootstrapServers(),
                stack.registryUrl(),
                registry,
                model,
                "telemetry",
                2,
                dir.resolve("state"),
                Duration.ofMinutes(3)));
    result = run.run(keys, records, poison(registry), Map.of(), n -> {});
  }

  /** A value that is not Avro at all, and a record whose schema lacks a mapped field. */
  static List<ProducerRecord<byte[], byte[]>> poison(HttpSchemaRegistryClient registry) {
    Schema partial =
        SchemaBuilder.record("TelemetryRecord")
            .namespace("other")
            .fields()
            .requiredString("deviceId")
            .requiredFloat("inletTemperature")
            .endRecord();
    GenericData.Record r = new GenericData.Record(partial);
    r.put("deviceId", "pump-x");
    r.put("inletTemperature", 20f);
    byte[] lacking =
        new GenericAvroSerializer(registry, AvroSerdeConfig.defaults()).serialize("other-topic", r);
    return List.of(
        new ProducerRecord<>("telemetry", 0, "garbage".getBytes(), "not avro".getBytes()),
        new ProducerRecord<>("telemetry", 1, "lacking".getBytes(), lacking));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldReconstructEveryRecordExactlyOnceWithItsKeyAndTimestamp() {
    assertThat(result.outputs()).hasSize(RECORDS);
    assertThat(result.outputs())
        .extracting(PipelineRun.Output::key)
        .containsExactlyInAnyOrderElementsOf(keys);
    Map<String, Long> produced = new HashMap<>();
    for (int i = 0; i < RECORDS; i++) {
      produced.put(keys.get(i), (long) i + 1_700_000_000_000L);
    }
    for (PipelineRun.Output o : result.outputs()) {
      assertThat(o.timestamp()).isEqualTo(produced.get(o.key()));
    }
  }

  @Test
  void shouldWriteReconstructedRecordsUnderTheOriginalSchemaId() {
    assertThat(result.outputs())
        .allSatisfy(o -> assertThat(o.schemaId()).isEqualTo(sourceSchemaId));
  }

  @Test
  void shouldPassUnmappedFieldsThroughUnchanged() {
    Map<String, GenericRecord> byKey = byKey();
    for (PipelineRun.Output o : result.outputs()) {
      GenericRecord original = byKey.get(o.key());
      assertThat(o.value().get("deviceId").toString())
          .isEqualTo(original.get("deviceId").toString());
      assertThat(o.value().get("timestamp"))
          .isEqualTo(((TelemetryRecord) original).getTimestamp().toEpochMilli());
    }
  }

  @Test
  void shouldMatchTheOfflineCodecAndStayWithinItsMeasuredErrorBound() {
    FieldMapping mapping = bundle.manifest().mapping();
    Normalization norm = bundle.manifest().normalization();
    Map<String, GenericRecord> byKey = byKey();
    FidelityMeter offline = new FidelityMeter(norm);
    FidelityMeter streamed = new FidelityMeter(norm);
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      for (PipelineRun.Output o : result.outputs()) {
        float[] x = mapping.extract(byKey.get(o.key()));
        float[] expected = codec.decode(codec.encode(x));
        float[] actual = mapping.extract(o.value());
        for (int i = 0; i < x.length; i++) {
          assertThat(actual[i])
              .as("%s feature %d", o.key(), i)
              .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f * norm.range(i)));
        }
        offline.add(x, expected, 1);
        streamed.add(x, actual, 1);
      }
    }
    assertThat(streamed.maxRelativeError()).isLessThanOrEqualTo(offline.maxRelativeError() + 1e-5);
    // The streamed readings follow the training period in time (drift, other hours, anomalies),
    // so they reconstruct a little worse than the random validation split; 20 dB is a floor.
    assertThat(streamed.psnrDb()).isGreaterThan(20);
  }

  @Test
  void shouldDeadLetterPoisonRecordsWithReasonAndOffsetWhileTheStreamGoesOn() {
    assertThat(result.deadLetters()).hasSize(2);
    Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
    result.deadLetters().forEach(r -> byKey.put(new String(r.key(), StandardCharsets.UTF_8), r));
    assertThat(header(byKey.get("garbage"), DeadLetters.HEADER_EXCEPTION))
        .contains("SerdeException");
    assertThat(header(byKey.get("lacking"), DeadLetters.HEADER_REASON))
        .contains("outletTemperature");
    assertThat(header(byKey.get("lacking"), DeadLetters.HEADER_OFFSET)).matches("\\d+");
    assertThat(header(byKey.get("lacking"), DeadLetters.HEADER_TOPIC)).isEqualTo("telemetry");
  }

  @Test
  void shouldStoreFarFewerBytesOnTheLatentTopicThanOnTheRawTopic() {
    assertThat(result.latentLogBytes()).isPositive();
    assertThat(result.latentLogBytes()).isLessThan(result.rawLogBytes());
  }

  private static Map<String, GenericRecord> byKey() {
    Map<String, GenericRecord> m = new HashMap<>();
    for (int i = 0; i < RECORDS; i++) {
      m.put(keys.get(i), records.get(i));
    }
    return m;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
