package io.latentwire.ops.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.dataset.DataFormat;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.ops.demo.TelemetryConfig;
import io.latentwire.ops.demo.TelemetryGenerator;
import io.latentwire.ops.embedded.LocalStack;
import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicSpec;
import io.latentwire.schemas.examples.TelemetryRecord;
import io.latentwire.streams.app.PipelineApp;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.trainer.pipeline.ModelTrainer;
import io.latentwire.trainer.pipeline.TrainingMonitor;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures, not assertions on time: encode throughput on the embedded broker with batches of 1 and
 * 64, and the average batch actually drained on a live stream at several commit intervals. Opt-in:
 * {@code -Dlatentwire.bench=true}. Prints a table to the log.
 */
@EnabledIfSystemProperty(named = "latentwire.bench", matches = "true")
class BatchingThroughputReport {
  private static final Logger LOG = LoggerFactory.getLogger(BatchingThroughputReport.class);
  static final int BACKLOG = 40_000;
  static final Duration LIVE_TIME = Duration.ofSeconds(8);

  @TempDir Path dir;
  int topics;

  @Test
  void shouldPrintThroughputAndBatchSizeFigures() throws Exception {
    List<String> rows = new ArrayList<>();
    try (LocalStack stack = LocalStack.start()) {
      HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.forUrls(stack.registryUrl());
      Map<String, ModelBundle> bundles = new java.util.LinkedHashMap<>();
      bundles.put("linear 12-4", TelemetryBundles.linear(4, 7L));
      bundles.put("mlp 12-64-32-4", trained());
      Map<String, Path> models = new java.util.LinkedHashMap<>();
      for (var b : bundles.entrySet()) {
        models.put(b.getKey(), write(b.getValue(), b.getKey().split(" ")[0]));
        for (int batch : new int[] {1, 64}) {
          rows.add(codecOnly(b.getKey(), b.getValue(), batch));
        }
      }
      // Warm-up (JIT, broker): not reported.
      backlog(stack, registry, "warm-up", models.get("linear 12-4"), 64);
      for (var m : models.entrySet()) {
        for (int batch : new int[] {1, 64, 1, 64}) {
          rows.add(backlog(stack, registry, m.getKey(), m.getValue(), batch));
        }
      }
      Path mlp = models.get("mlp 12-64-32-4");
      for (int rate : new int[] {1_000, 4_000}) {
        for (int commit : new int[] {100, 1000}) {
          rows.add(live(stack, registry, mlp, rate, commit, 50));
          rows.add(live(stack, registry, mlp, rate, commit, commit));
        }
      }
    }
    LOG.info("batching figures:\n{}", String.join("\n", rows));
  }

  /** RecordCodec alone (mapping, ONNX Runtime, quantization, entropy coding), no Kafka. */
  private static String codecOnly(String model, ModelBundle bundle, int batch) {
    TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(29L));
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < BACKLOG; i++) {
      records.add(gen.next().record());
    }
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      RecordCodec rc = new RecordCodec(codec);
      int[] ids = new int[batch];
      double best = 0;
      for (int pass = 0; pass < 4; pass++) {
        long t0 = System.nanoTime();
        for (int i = 0; i + batch <= records.size(); i += batch) {
          rc.encode(records.subList(i, i + batch), ids);
        }
        best = Math.max(best, records.size() / ((System.nanoTime() - t0) / 1e9));
      }
      return String.format(
          "codec    %-15s batch %3d (no Kafka):  %,8.0f records/s", model, batch, best);
    }
  }

  /** A pre-produced backlog, encoded as fast as the app goes; rate over the middle 80 %. */
  private String backlog(
      LocalStack stack, HttpSchemaRegistryClient registry, String model, Path path, int batch)
      throws Exception {
    String topic = topic(stack);
    try (PacedProducer p =
        PacedProducer.start(
            stack.bootstrapServers(), topic, values(registry, topic, BACKLOG), 1_000_000)) {
      p.awaitDone(120_000);
    }
    Map<String, Object> extra = Map.of("inference.batch.size", batch, "commit.interval.ms", 100);
    try (TopicReads.Counter counter = counter(stack, topic);
        PipelineApp app = start(stack, registry, topic, path, extra)) {
      long t10 = awaitCount(counter, BACKLOG / 10);
      long t90 = awaitCount(counter, BACKLOG * 9 / 10);
      awaitCount(counter, BACKLOG);
      double rate = (BACKLOG * 0.8) / ((t90 - t10) / 1e9);
      BatchStats.Snapshot s = app.batchStats().snapshot();
      return String.format(
          "backlog  %-15s batch %3d commit 100 ms: %,8.0f records/s; %s", model, batch, rate, s);
    }
  }

  /** A live stream at a steady rate; what matters is the batch size drained. */
  private String live(
      LocalStack stack,
      HttpSchemaRegistryClient registry,
      Path path,
      int rate,
      int commitMs,
      int lingerMs)
      throws Exception {
    int records = (int) (rate * LIVE_TIME.toSeconds());
    String topic = topic(stack);
    Map<String, Object> extra =
        Map.of(
            "inference.batch.size", 64,
            "inference.batch.linger.ms", lingerMs,
            "commit.interval.ms", commitMs);
    try (TopicReads.Counter counter = counter(stack, topic);
        PipelineApp app = start(stack, registry, topic, path, extra)) {
      app.awaitRunning(Duration.ofSeconds(60));
      try (PacedProducer p =
          PacedProducer.start(
              stack.bootstrapServers(), topic, values(registry, topic, records), rate)) {
        p.awaitDone(120_000);
      }
      awaitCount(counter, records);
      BatchStats.Snapshot s = app.batchStats().snapshot();
      assertThat(s.totalRecords()).isEqualTo(records);
      return String.format(
          "live %,5d/s (4 partitions) mlp batch 64 linger %4d ms commit %4d ms: %s",
          rate, lingerMs, commitMs, s);
    }
  }

  private PipelineApp start(
      LocalStack stack,
      HttpSchemaRegistryClient registry,
      String topic,
      Path model,
      Map<String, Object> extra) {
    Map<String, Object> c = new HashMap<>();
    c.put("topic", topic);
    c.put("bootstrap.servers", stack.bootstrapServers());
    c.put("schema.registry.url", stack.registryUrl());
    c.put("model.path", model.toString());
    c.put("state.dir", dir.resolve("state-" + topic).toString());
    c.put("num.stream.threads", "1");
    c.putAll(extra);
    return PipelineApp.start(Side.ENCODE, new LatentwireConfig(c), registry);
  }

  private String topic(LocalStack stack) {
    String topic = "bench" + (++topics);
    try (TopicAdmin admin = TopicAdmin.connect(stack.bootstrapServers())) {
      admin.createTopics(
          List.of(
              TopicSpec.of(topic, 4),
              TopicSpec.of(topic + ".latent", 4),
              TopicSpec.of(topic + ".dlq", 1)));
    }
    return topic;
  }

  private static TopicReads.Counter counter(LocalStack stack, String topic) {
    return new TopicReads.Counter(stack.bootstrapServers(), List.of(topic + ".latent"));
  }

  private static long awaitCount(TopicReads.Counter counter, long n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (counter.committed() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + counter.committed() + " of " + n);
      }
      Thread.sleep(5);
    }
    return System.nanoTime();
  }

  private static List<byte[]> values(HttpSchemaRegistryClient registry, String topic, int n) {
    GenericAvroSerializer s = new GenericAvroSerializer(registry, AvroSerdeConfig.defaults());
    TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(23L));
    List<byte[]> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(s.serialize(topic, gen.next().record()));
    }
    return values;
  }

  private Path write(ModelBundle bundle, String name) {
    Path p = dir.resolve(name + ".lwm");
    bundle.write(p);
    return p;
  }

  private ModelBundle trained() throws Exception {
    Path training = dir.resolve("train.avro");
    TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(5L));
    try (DataFileWriter<TelemetryRecord> w =
        new DataFileWriter<>(new SpecificDatumWriter<>(TelemetryRecord.class))) {
      w.create(TelemetryRecord.getClassSchema(), training.toFile());
      for (int i = 0; i < 4_000; i++) {
        w.append(gen.next().record());
      }
    }
    TrainingOptions options =
        TrainingOptions.defaults(4)
            .withEpochs(2)
            .withHiddenSizes(List.of(64, 32))
            .withFields(TelemetryBundles.CHANNELS);
    try (Dataset d = Datasets.open(training, DataFormat.AVRO)) {
      return new ModelTrainer(TrainingMonitor.NONE).train(d, options).bundle();
    }
  }
}
