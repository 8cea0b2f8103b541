package io.latentwire.ops.cli;

import io.latentwire.ops.replay.FailureKind;
import io.latentwire.ops.replay.PartitionRange;
import io.latentwire.ops.replay.ProgressBar;
import io.latentwire.ops.replay.Replay;
import io.latentwire.ops.replay.ReplayBound;
import io.latentwire.ops.replay.ReplayException;
import io.latentwire.ops.replay.ReplayOutput;
import io.latentwire.ops.replay.ReplaySummary;
import io.latentwire.streams.models.ModelAnnouncements;
import io.latentwire.streams.models.ModelRegistryConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentwire replay}: decode a historical range of a latent topic. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Decode a range of a latent topic, each record with the model it was encoded with (resolved"
          + " from the models topic), into a topic or a file.",
      "The range is half-open: --from is included, --to is not. Times select by record"
          + " timestamp; offset:N applies to every partition.",
      "--out topic:NAME keeps keys, timestamps and headers and writes each record under its"
          + " original schema id. --out file:PATH.avro writes one file per writer schema"
          + " (PATH-schema-ID.avro when the range holds several). --out file:PATH.csv needs one"
          + " writer schema.",
      "Exit code 1 when records could not be decoded (unknown or untrusted model, corrupt), unless"
          + " --skip-failed; the output written is kept either way."
    })
public final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--topic",
      required = true,
      paramLabel = "T.latent",
      description = "Latent topic.")
  String topic;

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--registry",
      required = true,
      paramLabel = "URL",
      description =
          "Schema Registry URL(s), comma-separated. Basic auth and TLS: the"
              + " schema.registry.basic.auth.user.info and schema.registry.ssl.* keys of"
              + " --client-config.")
  String registryUrl;

  @Option(
      names = "--from",
      defaultValue = "earliest",
      paramLabel = "TIME|offset:N",
      description = "Start (included): 2026-01-01T00:00:00Z, offset:N or earliest (default).")
  String from;

  @Option(
      names = "--to",
      defaultValue = "latest",
      paramLabel = "TIME|offset:N",
      description = "End (excluded): a time, offset:N or latest (default: the end now).")
  String to;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "topic:NAME|file:PATH.avro|file:PATH.csv",
      description = "Where decoded records go.")
  String out;

  @Option(
      names = "--models-topic",
      defaultValue = ModelAnnouncements.DEFAULT_TOPIC,
      description = "The models topic (default: ${DEFAULT-VALUE}).")
  String modelsTopic;

  @Mixin TrustOptions trust;

  @Option(
      names = "--dlq",
      paramLabel = "FILE.avro",
      description = "Write records that fail (as read, with the reason) to this Avro file.")
  Path dlq;

  @Option(
      names = "--skip-failed",
      description = "Exit 0 even when some records could not be decoded.")
  boolean skipFailed;

  @Option(names = "--no-progress", description = "No progress bar on stderr.")
  boolean noProgress;

  @Option(
      names = "--stall-timeout",
      defaultValue = "PT60S",
      description =
          "Fail when nothing can be read for this long, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration stallTimeout;

  @Override
  public Integer call() {
    ReplayBound start = ReplayBound.parse(from, "--from");
    ReplayBound end = ReplayBound.parse(to, "--to");
    ReplayOutput output = ReplayOutput.parse(out);
    Map<String, Object> client = kafka.clientConfig("replay");
    HttpSchemaRegistryClient registry;
    try {
      registry = new HttpSchemaRegistryClient(kafka.registryConfig(registryUrl));
    } catch (IllegalArgumentException e) {
      throw new CliException("--registry / --client-config: " + e.getMessage(), e);
    }
    ModelRegistryConfig models = trust.apply(ModelRegistryConfig.defaults(modelsTopic));
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar progress =
        noProgress
            ? ProgressBar.silent()
            : new ProgressBar(err, System.console() != null, System::nanoTime);
    ReplaySummary s;
    try {
      s =
          Replay.run(
              new Replay.Request(
                  client, registry, topic, start, end, output, models, dlq, stallTimeout),
              progress);
    } catch (ReplayException e) {
      throw new CliException(e.getMessage(), e);
    }
    print(spec.commandLine().getOut(), s);
    if (s.failedTotal() > 0 && !skipFailed) {
      throw new CliException(
          s.failedTotal()
              + " record"
              + (s.failedTotal() == 1 ? "" : "s")
              + " could not be decoded ("
              + failures(s)
              + "); the decoded ones were written. "
              + (dlq == null ? "Keep the failed ones with --dlq FILE.avro; " : "")
              + "accept with --skip-failed");
    }
    return 0;
  }

  static void print(PrintWriter out, ReplaySummary s) {
    long offsets = s.ranges().stream().mapToLong(PartitionRange::size).sum();
    out.printf(
        Locale.ROOT,
        "replayed %s: %d offsets in %d partitions, %d decoded, %d failed, %d tombstones in %.1f s%n",
        s.topic(),
        offsets,
        s.ranges().size(),
        s.decoded(),
        s.failedTotal(),
        s.tombstones(),
        s.elapsed().toMillis() / 1000.0);
    for (PartitionRange r : s.ranges()) {
      out.printf(
          "  partition %d: offsets %d..%d (%d)%n",
          r.partition().partition(), r.start(), r.end(), r.size());
    }
    if (!s.byModel().isEmpty()) {
      out.println(
          "models: "
              + s.byModel().entrySet().stream()
                  .map(e -> e.getKey() + " (" + e.getValue() + ")")
                  .collect(Collectors.joining(", ")));
    }
    if (s.failedTotal() > 0) {
      out.println("failed: " + failures(s));
    }
    s.outputs().forEach(o -> out.println("wrote " + o));
    out.flush();
  }

  private static String failures(ReplaySummary s) {
    return s.failed().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> label(e.getKey()) + ": " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String label(FailureKind k) {
    return k.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
