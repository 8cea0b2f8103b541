package io.latentwire.ops.eos;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.processor.DeadLetters;
import io.latentwire.streams.processor.EncodeProcessor;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.SpecificAvroSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The naive design, for comparison only: the encode app with its batch drained at size or from a
 * wall-clock punctuator, without the pre-commit hook. Run as a child JVM by the opt-in test in
 * {@link ExactlyOnceBatchingCrashTest}; a kill -9 loses the records whose offsets were committed
 * while they sat in the batch. Never use this design.
 */
public final class NaivePunctuatorEncodeApp {
  private NaivePunctuatorEncodeApp() {}

  public static void main(String[] args) throws InterruptedException {
    LatentwireConfig config = LatentwireConfig.load(Path.of(args[0]), Map.of());
    HttpSchemaRegistryClient registry =
        HttpSchemaRegistryClient.forUrls(String.join(",", config.registryUrls()));
    LatentCodec codec =
        LatentCodec.open(ModelBundle.read(config.modelPath()), config.inferenceOptions());
    RecordCodec rc = new RecordCodec(codec);
    String latent = config.latentTopic();
    BatchSettings batch = config.batchSettings();
    Topology t = new Topology();
    t.addSource("source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), config.topic());
    t.addProcessor(
        "encode",
        () ->
            new PunctuatorDrained(
                new EncodeProcessor(
                    rc,
                    new GenericAvroDeserializer(registry),
                    new SpecificAvroSerializer<>(
                        registry, LatentRecord.class, AvroSerdeConfig.defaults()),
                    latent,
                    "latent-sink",
                    new DeadLetters("dlq-sink", config.errorPolicy(), "encode"),
                    BatchSettings.perRecord(),
                    "unused",
                    new BatchStats(),
                    io.latentwire.streams.metrics.PipelineMetrics.noop(
                        io.latentwire.streams.app.Side.ENCODE)),
                batch.size(),
                batch.linger()),
        "source");
    t.addSink(
        "latent-sink", latent, new ByteArraySerializer(), new ByteArraySerializer(), "encode");
    t.addSink(
        "dlq-sink",
        config.dlqTopic(config.topic()),
        new ByteArraySerializer(),
        new ByteArraySerializer(),
        "encode");
    KafkaStreams streams =
        new KafkaStreams(t, config.streamsProperties("latentwire-encode-" + config.topic()));
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(30)), "shutdown"));
    streams.start();
    stopped.await();
  }

  /** Buffers records; hands them to the per-record encoder at size or from a punctuator. */
  private static final class PunctuatorDrained
      implements Processor<byte[], byte[], byte[], byte[]> {
    private final Processor<byte[], byte[], byte[], byte[]> encoder;
    private final int size;
    private final Duration every;
    private final List<Record<byte[], byte[]>> buffer = new ArrayList<>();

    PunctuatorDrained(
        Processor<byte[], byte[], byte[], byte[]> encoder, int size, Duration linger) {
      this.encoder = encoder;
      this.size = size;
      this.every = linger.isZero() ? Duration.ofMillis(1) : linger;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      encoder.init(context);
      context.schedule(every, PunctuationType.WALL_CLOCK_TIME, now -> drain());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      buffer.add(record);
      if (buffer.size() >= size) {
        drain();
      }
    }

    private void drain() {
      buffer.forEach(encoder::process);
      buffer.clear();
    }

    @Override
    public void close() {
      drain();
    }
  }
}
