package io.latentwire.ops.eos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.latentwire.ops.embedded.EmbeddedKafkaBroker;
import io.latentwire.ops.embedded.EmbeddedSchemaRegistry;
import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicSpec;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.IsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the kill -9 crash tests of the encode and decode apps share: an embedded broker (aborting
 * timed-out transactions quickly) and schema registry, child app JVMs ({@link AppProcess}) that are
 * all killed after each test and by a shutdown hook, app configs, and the crash run itself: a paced
 * stream into an app that is killed with SIGKILL three times and restarted, whose read_committed
 * output is then audited ({@link ExactlyOnceAudit}).
 *
 * <p>One per test class; owns the broker, the registry and every child: close it.
 */
final class CrashHarness implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CrashHarness.class);

  /**
   * The topics of one app under test.
   *
   * @param input what the app reads (the audit's inputs)
   * @param output where it writes what it made of them
   * @param deadLetters where it writes what it could not process
   */
  record Lanes(String input, String output, String deadLetters) {
    /** The encode app of base topic {@code t}: t → t.latent, dead letters t.dlq. */
    static Lanes encode(String t) {
      return new Lanes(t, t + ".latent", t + ".dlq");
    }

    /** The decode app of base topic {@code t}: t.latent → t.reconstructed, t.latent.dlq. */
    static Lanes decode(String t) {
      return new Lanes(t + ".latent", t + ".reconstructed", t + ".latent.dlq");
    }
  }

  /** What a crash run left behind. */
  record CrashRun(ExactlyOnceAudit.Report report, long aborted) {}

  final Path dir;
  final EmbeddedKafkaBroker broker;
  final EmbeddedSchemaRegistry registry;
  final HttpSchemaRegistryClient registryClient;
  private final List<AppProcess> children = new ArrayList<>();
  private final Thread killChildrenOnExit = new Thread(this::killChildren);

  private CrashHarness(Path dir, EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
    this.dir = dir;
    this.broker = broker;
    this.registry = registry;
    this.registryClient = HttpSchemaRegistryClient.forUrls(registry.url());
    Runtime.getRuntime().addShutdownHook(killChildrenOnExit);
  }

  /** Starts the broker and registry; child logs, configs and state go under {@code dir}. */
  static CrashHarness start(Path dir) {
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            // A killed app leaves its transaction open: abort it soon after it times out.
            .brokerProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
            .start();
    try {
      return new CrashHarness(dir, broker, EmbeddedSchemaRegistry.start());
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  String bootstrap() {
    return broker.bootstrapServers();
  }

  /** Creates the lanes' topics, nothing deleted by retention while the audit still needs it. */
  void createTopics(Lanes lanes, int partitions) {
    try (TopicAdmin admin = TopicAdmin.connect(bootstrap())) {
      admin.createTopics(
          List.of(
              TopicSpec.of(lanes.input(), partitions).withConfig("retention.ms", "-1"),
              TopicSpec.of(lanes.output(), partitions).withConfig("retention.ms", "-1"),
              TopicSpec.of(lanes.deadLetters(), 1).withConfig("retention.ms", "-1")));
    }
  }

  /**
   * An app config for base topic {@code topic}, instance {@code instance}: one stream thread,
   * batches drained by size, linger and commit, short transaction and session timeouts (a killed
   * instance blocks its partitions until they expire), plus {@code extra} (the model, ...).
   */
  Path config(String topic, String instance, Map<String, String> extra) throws IOException {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("topic", topic);
    c.put("bootstrap.servers", bootstrap());
    c.put("schema.registry.url", registry.url());
    c.put("state.dir", dir.resolve("state-" + topic + "-" + instance).toString());
    c.put("num.stream.threads", "1");
    // Several instances run on this machine: no fixed health/metrics port.
    c.put("http.port", "0");
    c.put("commit.interval.ms", "100");
    c.put("inference.batch.size", "64");
    // Below the commit interval, so that batches are drained by size, by linger and at commit.
    c.put("inference.batch.linger.ms", "30");
    // A killed instance's transaction blocks its partitions until it times out; keep that short.
    c.put("producer.transaction.timeout.ms", "5000");
    c.put("main.consumer.session.timeout.ms", "6000");
    c.put("main.consumer.heartbeat.interval.ms", "1000");
    c.putAll(extra);
    Path file = dir.resolve(topic + "-" + instance + ".properties");
    Files.writeString(
        file,
        c.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n", "", "\n")));
    return file;
  }

  /** Starts {@code latentwire run <side> --config <config>} as a child JVM. */
  AppProcess launch(String name, String side, Path config) {
    return register(AppProcess.start(name, side, config, dir));
  }

  /** Adopts a child started otherwise: it is killed after the test like the others. */
  AppProcess register(AppProcess p) {
    synchronized (children) {
      children.add(p);
    }
    LOG.info("started {}", p);
    return p;
  }

  /** Kills every child started so far (after each test). */
  void killChildren() {
    synchronized (children) {
      children.forEach(AppProcess::close);
      children.clear();
    }
  }

  /**
   * Streams {@code values} into {@code lanes.input()} at {@code perSecond} through an app that is
   * killed with SIGKILL three times mid-stream and restarted (each time once 1,000 more outputs are
   * committed, plus up to 400 ms), then let finish and stopped cleanly; audits the committed
   * output.
   *
   * @param starter starts one app instance (its name, its config) and registers it
   * @param side the app's side label, to find its close summary in the log
   */
  CrashRun crashThreeTimes(
      Lanes lanes,
      List<byte[]> values,
      int perSecond,
      Path config,
      String side,
      BiFunction<String, Path, AppProcess> starter)
      throws Exception {
    Random random = new Random(42);
    long aborted;
    String base = lanes.input();
    // Held at one second's worth until the first instance writes: however slowly its JVM starts
    // on a loaded machine, the kills then land on a live stream, not on a backlog.
    try (PacedProducer producer =
            PacedProducer.start(
                bootstrap(), base, values, perSecond, Math.min(perSecond, values.size()));
        TopicReads.Counter counter = counter(lanes)) {
      for (int kill = 1; kill <= 3; kill++) {
        AppProcess app = starter.apply(base + "-a-" + kill, config);
        if (kill == 1) {
          awaitCommitted(counter, 1, app, Duration.ofSeconds(60));
          producer.allowUpTo(values.size());
        }
        awaitCommitted(counter, counter.committed() + 1_000, app, Duration.ofSeconds(60));
        Thread.sleep(random.nextInt(400));
        long produced = producer.sent();
        long committed = counter.committed();
        int status = app.kill9();
        assertThat(status)
            .as("exit status of %s after SIGKILL", app)
            .isEqualTo(AppProcess.SIGKILL_STATUS);
        LOG.info(
            "kill -9 #{} of {}: {} records produced, {} outputs committed: {} in flight (in a"
                + " batch, in an open transaction, or not consumed yet)",
            kill,
            app,
            produced,
            committed,
            produced - committed);
      }
      AppProcess last = starter.apply(base + "-a-last", config);
      producer.awaitDone(120_000);
      // A design that loses records never gets to every record: stop waiting once output stalls
      // (longer than a restart waits for the killed instance's transaction to be aborted), but
      // give the JVM time to start first: on a loaded machine that alone can take 20 s.
      awaitCommittedOrStalled(
          counter, values.size(), last, Duration.ofSeconds(60), Duration.ofSeconds(15));
      last.terminate();
      aborted = counter.uncommitted() - counter.committed();
      LOG.info("{} closed: {}", last, closeSummary(last, side));
    }
    ExactlyOnceAudit.Report report = audit(lanes);
    LOG.info("after 3 kills: {}; {} outputs were written and aborted", report, aborted);
    return new CrashRun(report, aborted);
  }

  /** Counts the committed and uncommitted records of the lanes' output and dead letters. */
  TopicReads.Counter counter(Lanes lanes) {
    return new TopicReads.Counter(bootstrap(), List.of(lanes.output(), lanes.deadLetters()));
  }

  /** Waits until {@code target} outputs and dead letters are committed, while {@code app} lives. */
  static void awaitCommitted(
      TopicReads.Counter counter, long target, AppProcess app, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (counter.committed() < target) {
      if (!app.isAlive()) {
        fail(died(app));
      }
      if (System.nanoTime() > deadline) {
        fail(
            "only "
                + counter.committed()
                + " of "
                + target
                + " outputs committed after "
                + timeout
                + "; "
                + app
                + " log ends with:\n"
                + app.logTail(40));
      }
      Thread.sleep(50);
    }
  }

  /**
   * Like {@link #awaitCommitted}, but returns early when nothing was committed for {@code stall}
   * after the app's first output, or for {@code startup} before it.
   */
  static void awaitCommittedOrStalled(
      TopicReads.Counter counter, long target, AppProcess app, Duration startup, Duration stall)
      throws InterruptedException {
    long last = counter.committed();
    long since = System.nanoTime();
    Duration window = startup;
    while (counter.committed() < target) {
      if (!app.isAlive()) {
        fail(died(app));
      }
      long now = counter.committed();
      if (now != last) {
        last = now;
        since = System.nanoTime();
        window = stall;
      } else if (System.nanoTime() - since > window.toNanos()) {
        LOG.warn("output stalled at {} of {} for {}", now, target, window);
        return;
      }
      Thread.sleep(50);
    }
  }

  static String died(AppProcess app) {
    return app
        + " died; its first error:\n"
        + app.firstError(30)
        + "\n...its log ends with:\n"
        + app.logTail(20);
  }

  /** Records the app says it processed, from the batch summary it logs on a clean close. */
  static long recordsProcessedBy(AppProcess app, String side) {
    Matcher m = Pattern.compile(side + " app closed: (\\d+) records in").matcher(app.log());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The batch summary the app logs on a clean close, or a note that there is none. */
  static String closeSummary(AppProcess app, String side) {
    Matcher m = Pattern.compile(side + " app closed: (.*)").matcher(app.log());
    return m.find() ? m.group(1) : "(no summary logged)";
  }

  /** Audits the lanes' read_committed output against their input. */
  ExactlyOnceAudit.Report audit(Lanes lanes) {
    return ExactlyOnceAudit.check(
        TopicReads.readAll(bootstrap(), lanes.input(), IsolationLevel.READ_COMMITTED),
        TopicReads.readAll(bootstrap(), lanes.output(), IsolationLevel.READ_COMMITTED),
        TopicReads.readAll(bootstrap(), lanes.deadLetters(), IsolationLevel.READ_COMMITTED));
  }

  @Override
  public void close() {
    killChildren();
    try {
      Runtime.getRuntime().removeShutdownHook(killChildrenOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs anyway.
    }
    try {
      registry.close();
    } finally {
      broker.close();
    }
  }
}
