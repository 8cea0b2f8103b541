package io.latentwire.ops.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.ops.demo.TelemetryConfig;
import io.latentwire.ops.demo.TelemetryGenerator;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.schemas.examples.TelemetryRecord;
import io.latentwire.streams.models.ModelPublisher;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.SpecificAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once gate of the decode side, as {@link ExactlyOnceBatchingCrashTest} is of the
 * encode side: a decode app ({@code latentwire run decode}, following the models topic) reads a
 * live, paced stream of latent codes with poison records mixed in and is killed with SIGKILL three
 * times mid-stream and restarted. Read_committed output (reconstructed records and dead letters
 * together) then holds exactly one record per latent code, with its timestamp and headers, in input
 * order per partition.
 *
 * <p>Takes about 30 s on two cores; the codes are made in this JVM before the run.
 */
@Timeout(180)
class DecodeExactlyOnceCrashTest {
  private static final Logger LOG = LoggerFactory.getLogger(DecodeExactlyOnceCrashTest.class);

  // Fewer than the encode side's 30,000: JVM start-ups dominate, and the run stays under a minute.
  static final int RECORDS = 20_000;
  static final int PER_SECOND = 1_500;
  static final int POISON_EVERY = 1_000;
  static final int PARTITIONS = 4;
  static final String TOPIC = "dcrash";

  @TempDir static Path dir;
  static CrashHarness harness;
  static ModelBundle model;

  @BeforeAll
  static void startTheStackAndPublishTheModel() {
    harness = CrashHarness.start(dir);
    model = TelemetryBundles.linear(4, 7L);
    new ModelPublisher(
            Map.of("bootstrap.servers", harness.bootstrap()),
            "latentwire.models",
            Duration.ofSeconds(30))
        .publish(model, "decode crash test", null);
  }

  @AfterEach
  void killEveryChild() {
    harness.killChildren();
  }

  @AfterAll
  static void stopTheStack() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void shouldWriteEachDecodedRecordExactlyOnceInOrderAcrossKillNineRestarts() throws Exception {
    CrashHarness.Lanes lanes = CrashHarness.Lanes.decode(TOPIC);
    harness.createTopics(lanes, PARTITIONS);
    // No model.path: the decoder resolves each code's model from the models topic, as deployed.
    // Static membership: a restarted instance takes its partitions back at once.
    // A 1 s commit interval keeps written outputs in open transactions between commits: at 1,500
    // records/s over 4 partitions a batch fills by size (~170 ms) long before the commit, so every
    // kill aborts written output. At the 100 ms default the batches were drained and committed in
    // one go, and on a quiet machine the kills could all land between commits (0 aborted).
    Path config =
        harness.config(
            TOPIC,
            "a",
            Map.of("main.consumer.group.instance.id", TOPIC + "-a", "commit.interval.ms", "1000"));
    CrashHarness.CrashRun run =
        harness.crashThreeTimes(
            lanes,
            codes(lanes.input()),
            PER_SECOND,
            config,
            "decode",
            (name, c) -> harness.launch(name, "decode", c));
    ExactlyOnceAudit.Report report = run.report();
    LOG.info("decode side after 3 kills: {}", report);
    assertThat(report.clean()).as(report.toString()).isTrue();
    assertThat(report.outputs()).isEqualTo(RECORDS - RECORDS / POISON_EVERY);
    assertThat(report.deadLetters()).isEqualTo(RECORDS / POISON_EVERY);
    // The kills did land while output was in flight; otherwise the test proves little.
    assertThat(run.aborted()).as("outputs in transactions aborted by the kills").isPositive();
  }

  /**
   * The wire values of the latent stream: codes of telemetry readings made with the published model
   * in this JVM, and every 1000th one a poison record that is no LatentRecord at all.
   */
  private static List<byte[]> codes(String latentTopic) throws Exception {
    int sourceId =
        harness.registryClient.register(TOPIC + "-value", TelemetryRecord.getClassSchema());
    SpecificAvroSerializer<LatentRecord> ser =
        new SpecificAvroSerializer<>(
            harness.registryClient, LatentRecord.class, AvroSerdeConfig.defaults());
    TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(19L));
    List<byte[]> values = new ArrayList<>(RECORDS);
    List<GenericRecord> readings = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      readings.add(gen.next().record());
    }
    int[] ids = new int[RECORDS];
    java.util.Arrays.fill(ids, sourceId);
    LatentRecord[] latents;
    try (LatentCodec codec = LatentCodec.open(model, InferenceOptions.cpu())) {
      latents = new RecordCodec(codec).encode(readings, ids);
    }
    for (int i = 0; i < RECORDS; i++) {
      values.add(
          i % POISON_EVERY == POISON_EVERY - 1
              ? ("poison " + i).getBytes(StandardCharsets.UTF_8)
              : ser.serialize(latentTopic, latents[i]));
    }
    return values;
  }
}
