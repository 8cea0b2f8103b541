package io.latentwire.ops.bench;

import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicSpec;
import io.latentwire.ops.pipeline.PipelineRun;
import io.latentwire.streams.app.PipelineApp;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.registry.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The pipeline benchmark on a running broker and registry: produces records to a raw topic, runs
 * the identity, encode and decode topologies one after the other over the whole input (each in this
 * JVM, exactly_once_v2, one stream thread), measures records/s and log bytes per record, then runs
 * encode and decode together on a rate-limited stream for each commit setting and measures latency.
 *
 * <p>Holds no resources; each phase starts and closes its own clients and apps.
 */
public final class PipelineBenchmark {
  /**
   * App settings of one latency run, applied on top of those of {@link PipelineRun#appConfig}.
   *
   * @param name short name in the report
   * @param overrides Kafka Streams and latentwire keys
   */
  public record LatencySetting(String name, Map<String, String> overrides) {
    public LatencySetting {
      Objects.requireNonNull(name, "name");
      overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** Kafka Streams' exactly-once default commit interval and the default inference linger. */
    public static LatencySetting defaults() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("commit.interval.ms", "100");
      m.put(LatentwireConfig.BATCH_LINGER_CONFIG, "100");
      return new LatencySetting("default", m);
    }
  }

  /**
   * What to run.
   *
   * @param records records in the throughput runs, >= 1
   * @param rounds times each topology runs over the records, >= 1
   * @param partitions partitions of every topic, >= 1
   * @param rate records/s of the latency runs, >= 1
   * @param latencyRun how long each latency run produces
   * @param warmUp records created this early in a latency run give no latency sample
   * @param latencySettings one latency run each; may be empty
   * @param timeout bound of each wait for outputs
   * @param stateDir Kafka Streams state directories go below it
   */
  public record Settings(
      long records,
      int rounds,
      int partitions,
      int rate,
      Duration latencyRun,
      Duration warmUp,
      List<LatencySetting> latencySettings,
      Duration timeout,
      Path stateDir) {
    public Settings {
      if (records < 1) {
        throw new IllegalArgumentException("records must be >= 1, got " + records);
      }
      if (rounds < 1) {
        throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
      }
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
      }
      if (rate < 1) {
        throw new IllegalArgumentException("rate must be >= 1 records/s, got " + rate);
      }
      if (latencyRun.isNegative() || latencyRun.isZero()) {
        throw new IllegalArgumentException("latency run must be positive, got " + latencyRun);
      }
      if (warmUp.isNegative() || warmUp.compareTo(latencyRun) >= 0) {
        throw new IllegalArgumentException(
            "warm-up must be >= 0 and shorter than the latency run ("
                + latencyRun
                + "), got "
                + warmUp);
      }
      latencySettings = List.copyOf(latencySettings);
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(stateDir, "stateDir");
    }
  }

  /**
   * Where to run.
   *
   * @param bootstrapServers the broker
   * @param registryUrl the schema registry the apps use
   * @param registry a client of it, shared, not owned
   */
  public record Cluster(
      String bootstrapServers, String registryUrl, SchemaRegistryClient registry) {}

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final Cluster cluster;
  private final Consumer<String> progress;

  /**
   * @param progress receives progress lines (records produced/received, elapsed) while it runs
   */
  public PipelineBenchmark(Cluster cluster, Consumer<String> progress) {
    this.cluster = cluster;
    this.progress = progress;
  }

  /** Runs every phase on {@code workload} with the model at {@code modelPath}. */
  public PipelineFigures run(
      PipelineWorkload workload, Path modelPath, String modelDescription, Settings s) {
    long t0 = System.nanoTime();
    String loadBefore = Uptime.now();
    PipelineRun run = pipelineRun("bench-" + workload.id(), modelPath, s, "throughput");
    String identityTopic = run.rawTopic() + ".identity";
    PipelineFigures.Throughput warmUp;
    List<PipelineFigures.Throughput> identity = new ArrayList<>();
    List<PipelineFigures.Throughput> encode = new ArrayList<>();
    List<PipelineFigures.Throughput> decode = new ArrayList<>();
    PipelineFigures.LogSizes logs = null;
    try (TopicAdmin admin = TopicAdmin.connect(clientConfig(), TopicAdmin.DEFAULT_TIMEOUT)) {
      run.createTopics(admin);
      produce(run.rawTopic(), workload, s.records());
      // The first topology to run pays for class loading and JIT compilation of the Kafka
      // clients, Streams and Avro: a first identity pass absorbs that, so the baseline is fair.
      admin.createTopic(TopicSpec.of(identityTopic + "-warm-up", s.partitions()));
      warmUp = measureIdentity(run, identityTopic + "-warm-up", "warm-up", s);
      // Rounds interleave the three topologies, so a burst of load elsewhere on the machine
      // hits one round of each rather than all of one; the report takes medians.
      for (int r = 1; r <= s.rounds(); r++) {
        String round = "-r" + r;
        String copies = identityTopic + round;
        String latent = run.latentTopic() + round;
        String reconstructed = run.reconstructedTopic() + round;
        admin.createTopics(
            List.of(
                TopicSpec.of(copies, s.partitions()),
                TopicSpec.of(latent, s.partitions()),
                TopicSpec.of(reconstructed, s.partitions()),
                TopicSpec.of(latent + ".dlq", 1)));
        identity.add(measureIdentity(run, copies, "identity" + round, s));
        encode.add(
            measureApp(
                run,
                Side.ENCODE,
                run.rawTopic(),
                latent,
                Map.of(
                    LatentwireConfig.LATENT_TOPIC_CONFIG,
                    latent,
                    "application.id",
                    "latentwire-bench-encode" + round + "-" + run.rawTopic()),
                s));
        decode.add(
            measureApp(
                run,
                Side.DECODE,
                latent,
                reconstructed,
                Map.of(
                    LatentwireConfig.LATENT_TOPIC_CONFIG,
                    latent,
                    LatentwireConfig.RECONSTRUCTED_TOPIC_CONFIG,
                    reconstructed,
                    "application.id",
                    "latentwire-bench-decode" + round + "-" + run.rawTopic()),
                s));
        if (r == 1) {
          logs =
              new PipelineFigures.LogSizes(
                  s.records(),
                  admin.logSizeBytes(run.rawTopic()),
                  admin.logSizeBytes(copies),
                  admin.logSizeBytes(latent),
                  admin.logSizeBytes(reconstructed));
        }
      }
    }
    List<PipelineFigures.Latency> latency = new ArrayList<>();
    int i = 0;
    for (LatencySetting setting : s.latencySettings()) {
      latency.add(measureLatency(workload, modelPath, setting, i++, s));
    }
    return new PipelineFigures(
        workload.id(),
        workload.description(),
        modelDescription,
        s.records(),
        s.partitions(),
        warmUp,
        identity,
        encode,
        decode,
        logs,
        latency,
        loadBefore,
        Uptime.now(),
        (System.nanoTime() - t0) / 1e9);
  }

  private PipelineRun pipelineRun(String topic, Path modelPath, Settings s, String stateName) {
    return new PipelineRun(
        new PipelineRun.Spec(
            cluster.bootstrapServers(),
            cluster.registryUrl(),
            cluster.registry(),
            modelPath,
            topic,
            s.partitions(),
            s.stateDir().resolve(stateName),
            s.timeout(),
            Map.of()));
  }

  private void produce(String topic, PipelineWorkload workload, long records) {
    long start = System.nanoTime();
    progress.accept(
        String.format(Locale.ROOT, "» producing %,d records to %s (zstd)", records, topic));
    Throttle throttle = new Throttle();
    new PacedProducer(clientConfig(), cluster.registry())
        .produceAll(
            topic,
            workload.stream(),
            records,
            n -> {
              if (throttle.due() || n == records) {
                progress.accept(line("produced", n, records, start));
              }
            });
  }

  private PipelineFigures.Throughput measureIdentity(
      PipelineRun run, String output, String pass, Settings s) {
    progress.accept("» identity topology (" + pass + "): " + run.rawTopic() + " -> " + output);
    try (OutputWatcher watcher =
        new OutputWatcher(clientConfig(), List.of(output), Long.MAX_VALUE)) {
      watcher.awaitAssignment(START_TIMEOUT);
      long start = System.nanoTime();
      try (IdentityApp app = startIdentity(run, output, pass, Map.of(), s)) {
        await(watcher, output, s, start, () -> describe("identity app", app.failure.get()));
      }
      return throughput(
          pass.startsWith("identity") ? "identity" : "identity (" + pass + ")",
          run.rawTopic(),
          output,
          s,
          watcher,
          start,
          "");
    }
  }

  /** The identity topology running in this JVM; closing it waits up to 30 s. */
  private static final class IdentityApp implements AutoCloseable {
    private final KafkaStreams streams;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    IdentityApp(KafkaStreams streams) {
      this.streams = streams;
    }

    @Override
    public void close() {
      streams.close(Duration.ofSeconds(30));
    }
  }

  /** Starts the identity topology with the settings the encode app of {@code run} gets. */
  private IdentityApp startIdentity(
      PipelineRun run, String output, String pass, Map<String, String> overrides, Settings s) {
    Map<String, Object> extra = new HashMap<>(overrides);
    String appId = "latentwire-bench-" + pass + "-" + run.rawTopic();
    extra.put("state.dir", s.stateDir().resolve(appId).toString());
    var props = new LatentwireConfig(run.appConfig(Side.ENCODE, extra)).streamsProperties(appId);
    IdentityApp app =
        new IdentityApp(
            new KafkaStreams(
                IdentityTopology.build(run.rawTopic(), output, cluster.registry()), props));
    app.streams.setUncaughtExceptionHandler(
        e -> {
          app.failure.compareAndSet(null, e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    app.streams.start();
    return app;
  }

  private PipelineFigures.Throughput measureApp(
      PipelineRun run,
      Side side,
      String input,
      String output,
      Map<String, Object> overrides,
      Settings s) {
    progress.accept("» " + side.label() + " topology: " + input + " -> " + output);
    try (OutputWatcher watcher =
        new OutputWatcher(clientConfig(), List.of(output), Long.MAX_VALUE)) {
      watcher.awaitAssignment(START_TIMEOUT);
      long start = System.nanoTime();
      try (PipelineApp app =
          PipelineApp.start(
              side, new LatentwireConfig(run.appConfig(side, overrides)), cluster.registry())) {
        await(watcher, output, s, start, () -> describe(side.label() + " app", app.failure()));
        return throughput(
            side.label(), input, output, s, watcher, start, batches(app.batchStats().snapshot()));
      }
    }
  }

  private void await(
      OutputWatcher watcher,
      String output,
      Settings s,
      long start,
      java.util.function.Supplier<String> failure) {
    Throttle throttle = new Throttle();
    watcher.awaitAll(
        s::records,
        s.timeout(),
        failure,
        () -> {
          if (throttle.due()) {
            progress.accept(line("received", watcher.received(output), s.records(), start));
          }
        });
    progress.accept(line("received", watcher.received(output), s.records(), start));
  }

  private static PipelineFigures.Throughput throughput(
      String name,
      String input,
      String output,
      Settings s,
      OutputWatcher watcher,
      long start,
      String batches) {
    OutputWatcher.TopicCount c = watcher.count(output);
    return new PipelineFigures.Throughput(
        name,
        input,
        output,
        s.records(),
        c.records,
        c.firstToLastRate(),
        (c.lastNanos - start) / 1e9,
        batches);
  }

  private PipelineFigures.Latency measureLatency(
      PipelineWorkload workload, Path modelPath, LatencySetting setting, int index, Settings s) {
    String base = "bench-" + workload.id() + "-latency-" + index;
    // Identity alone first: run beside encode and decode it would take CPU from them and
    // measure contention rather than the commit floor.
    PipelineRun idRun = pipelineRun(base + "-identity", modelPath, s, "latency-identity-" + index);
    String identityTopic = idRun.rawTopic() + ".identity";
    progress.accept(
        String.format(
            Locale.ROOT,
            "» latency, %s settings %s: %,d records/s for %d s through %s -> %s",
            setting.name(),
            setting.overrides(),
            s.rate(),
            s.latencyRun().toSeconds(),
            idRun.rawTopic(),
            identityTopic));
    try (TopicAdmin admin = TopicAdmin.connect(clientConfig(), TopicAdmin.DEFAULT_TIMEOUT)) {
      admin.createTopics(
          List.of(
              TopicSpec.of(idRun.rawTopic(), s.partitions()),
              TopicSpec.of(identityTopic, s.partitions())));
    }
    Paced identity;
    try (IdentityApp app =
        startIdentity(idRun, identityTopic, "identity", setting.overrides(), s)) {
      awaitRunning(app, START_TIMEOUT);
      identity =
          paced(
              workload,
              idRun.rawTopic(),
              List.of(identityTopic),
              s,
              () -> describe("identity app", app.failure.get()));
    }

    PipelineRun run = pipelineRun(base, modelPath, s, "latency-" + index);
    progress.accept(
        String.format(
            Locale.ROOT,
            "» latency, %s settings: %,d records/s for %d s through %s -> %s -> %s",
            setting.name(),
            s.rate(),
            s.latencyRun().toSeconds(),
            run.rawTopic(),
            run.latentTopic(),
            run.reconstructedTopic()));
    try (TopicAdmin admin = TopicAdmin.connect(clientConfig(), TopicAdmin.DEFAULT_TIMEOUT)) {
      run.createTopics(admin);
    }
    Map<String, Object> overrides = new HashMap<>(setting.overrides());
    try (PipelineApp encoder =
            PipelineApp.start(
                Side.ENCODE,
                new LatentwireConfig(run.appConfig(Side.ENCODE, overrides)),
                cluster.registry());
        PipelineApp decoder =
            PipelineApp.start(
                Side.DECODE,
                new LatentwireConfig(run.appConfig(Side.DECODE, overrides)),
                cluster.registry())) {
      encoder.awaitRunning(START_TIMEOUT);
      decoder.awaitRunning(START_TIMEOUT);
      Paced pipeline =
          paced(
              workload,
              run.rawTopic(),
              List.of(run.latentTopic(), run.reconstructedTopic()),
              s,
              () -> {
                String e = describe("encode app", encoder.failure());
                return e != null ? e : describe("decode app", decoder.failure());
              });
      OutputWatcher.TopicCount latent = pipeline.counts.get(0);
      OutputWatcher.TopicCount reconstructed = pipeline.counts.get(1);
      return new PipelineFigures.Latency(
          setting.name(),
          setting.overrides(),
          s.rate(),
          pipeline.achievedRate,
          pipeline.seconds,
          s.warmUp().toMillis() / 1e3,
          pipeline.produced,
          identity.produced,
          identity.counts.get(0).records,
          latent.records,
          reconstructed.records,
          identity.counts.get(0).latency(),
          latent.latency(),
          reconstructed.latency(),
          batches(encoder.batchStats().snapshot()));
    }
  }

  /** What one rate-limited run produced and what each output topic received. */
  private record Paced(
      long produced, double achievedRate, double seconds, List<OutputWatcher.TopicCount> counts) {}

  /**
   * Produces to {@code raw} at the settings' rate for the latency run's length, with the apps
   * already running, and waits for every record on every output topic.
   */
  private Paced paced(
      PipelineWorkload workload,
      String raw,
      List<String> outputs,
      Settings s,
      java.util.function.Supplier<String> appFailure) {
    try (OutputWatcher watcher = new OutputWatcher(clientConfig(), outputs, 0)) {
      watcher.awaitAssignment(START_TIMEOUT);
      long start = System.nanoTime();
      watcher.latencyFrom(System.currentTimeMillis() + s.warmUp().toMillis());
      PacedProducer.Paced paced =
          new PacedProducer(clientConfig(), cluster.registry())
              .startPaced(raw, workload.stream(), s.rate(), s.latencyRun());
      Throttle throttle = new Throttle();
      watcher.awaitAll(
          paced::expected,
          s.latencyRun().plus(s.timeout()),
          () -> paced.failure() != null ? describe("producer", paced.failure()) : appFailure.get(),
          () -> {
            if (throttle.due()) {
              StringBuilder line =
                  new StringBuilder(String.format(Locale.ROOT, "  produced %,d", paced.sent()));
              for (String t : outputs) {
                line.append(String.format(Locale.ROOT, ", %s %,d", t, watcher.received(t)));
              }
              line.append(
                  String.format(Locale.ROOT, ", %.0f s", (System.nanoTime() - start) / 1e9));
              progress.accept(line.toString());
            }
          });
      return new Paced(
          paced.sent(),
          paced.achievedRate(),
          paced.seconds(),
          outputs.stream().map(watcher::count).toList());
    }
  }

  private static void awaitRunning(IdentityApp app, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (app.streams.state() != KafkaStreams.State.RUNNING) {
      if (app.failure.get() != null || System.nanoTime() > deadline) {
        throw new BenchException(
            "identity app not RUNNING after "
                + timeout
                + " (state "
                + app.streams.state()
                + (app.failure.get() == null ? ")" : "): " + app.failure.get()),
            app.failure.get());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchException("interrupted while waiting for the identity app");
      }
    }
  }

  private static String batches(io.latentwire.streams.batch.BatchStats.Snapshot b) {
    return String.format(
        Locale.ROOT, "%,d batches, mean %.1f records", b.totalBatches(), b.averageBatchSize());
  }

  private static String describe(String who, Throwable failure) {
    return failure == null ? null : who + " failed: " + failure;
  }

  private static String line(String what, long done, long total, long startNanos) {
    return String.format(
        Locale.ROOT,
        "  %s %,d / %,d records, %.1f s",
        what,
        done,
        total,
        (System.nanoTime() - startNanos) / 1e9);
  }

  private Map<String, Object> clientConfig() {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", cluster.bootstrapServers());
    return c;
  }

  /** True at most every 2 s: progress lines, not a flood. */
  private static final class Throttle {
    private long last = System.nanoTime();

    boolean due() {
      long now = System.nanoTime();
      if (now - last < 2_000_000_000L) {
        return false;
      }
      last = now;
      return true;
    }
  }
}
