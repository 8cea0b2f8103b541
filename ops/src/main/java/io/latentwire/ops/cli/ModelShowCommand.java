package io.latentwire.ops.cli;

import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.schemas.ModelAnnouncement;
import io.latentwire.streams.models.AnnouncementVerifier;
import io.latentwire.streams.models.ModelAnnouncements;
import io.latentwire.streams.models.ModelTopicSnapshot;
import io.latentwire.streams.models.TrustedKeys;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latentwire model show MODEL.lwm | --id PREFIX --bootstrap ...}: what a model is. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show a model: id, architecture, sizes, field mapping, normalization, quantizer, metrics and"
          + " provenance.",
      "From a bundle file, or from the models topic with --id PREFIX --bootstrap HOST:PORT."
    })
public final class ModelShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.lwm", description = "A bundle file.")
  Path model;

  @Option(
      names = "--id",
      paramLabel = "PREFIX",
      description = "A model id or id prefix on the models topic (needs --bootstrap).")
  String id;

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--models-topic",
      defaultValue = ModelAnnouncements.DEFAULT_TOPIC,
      description = "The models topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--timeout",
      defaultValue = "PT30S",
      description = "How long reading the topic may take, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    if ((model == null) == (id == null)) {
      throw new CliException("model show needs either MODEL.lwm or --id PREFIX (with --bootstrap)");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (model != null) {
      ModelBundle bundle = ModelBundle.read(model);
      print(out, bundle, bundle.toBytes().length);
    } else {
      showFromTopic(out);
    }
    out.flush();
    return 0;
  }

  private void showFromTopic(PrintWriter out) {
    String prefix = id.toLowerCase(Locale.ROOT);
    if (!prefix.matches("[0-9a-f]{1,64}")) {
      throw new CliException("--id '" + id + "': a model id (prefix) is hex digits");
    }
    List<ModelTopicSnapshot.Entry> matches =
        ModelTopicSnapshot.read(kafka.clientConfig("model show --id"), topic, timeout).stream()
            .filter(e -> e.key() != null && e.key().startsWith(prefix))
            .toList();
    if (matches.isEmpty()) {
      throw new CliException("no model with id prefix " + prefix + " on " + topic);
    }
    if (matches.size() > 1) {
      throw new CliException(
          "id prefix "
              + prefix
              + " is ambiguous on "
              + topic
              + ": "
              + matches.stream().map(ModelTopicSnapshot.Entry::key).toList());
    }
    ModelTopicSnapshot.Entry e = matches.get(0);
    ModelAnnouncement a = e.announcement();
    if (a == null) {
      throw new CliException("the announcement of " + e.key() + " cannot be read: " + e.problem());
    }
    AnnouncementVerifier.Verdict v =
        new AnnouncementVerifier(TrustedKeys.none(), false).verify(e.key(), a);
    if (v instanceof AnnouncementVerifier.Refused r) {
      throw new CliException("model " + e.key() + " on " + topic + " is refused: " + r.reason());
    }
    ByteBuffer bytes = a.getBundle();
    print(out, ((AnnouncementVerifier.Accepted) v).bundle(), bytes.remaining());
    out.println("published:");
    line(out, "topic", topic + " partition " + e.partition() + " offset " + e.offset());
    line(out, "created", ModelListCommand.when(a.getCreatedAtMs()));
    line(out, "description", a.getDescription());
    line(out, "signed", a.getSignature() == null ? "no" : "by key '" + a.getSignerKeyId() + "'");
  }

  /** The manifest, readably. */
  static void print(PrintWriter out, ModelBundle bundle, long bundleBytes) {
    Manifest m = bundle.manifest();
    line(out, "id", bundle.id().hex());
    line(out, "short id", bundle.id().shortHex());
    line(out, "format", Integer.toString(m.formatVersion()));
    line(out, "architecture", m.architecture());
    line(out, "sizes", "input " + m.inputSize() + ", latent " + m.latentSize());
    line(
        out,
        "bundle",
        ModelListCommand.size(bundleBytes)
            + " (encoder "
            + ModelListCommand.size(bundle.encoderOnnx().length)
            + ", decoder "
            + ModelListCommand.size(bundle.decoderOnnx().length)
            + ")");
    if (m.schemaFingerprint() != null) {
      line(out, "schema", "fingerprint " + m.schemaFingerprint());
    }
    List<MappedField> fields = m.mapping().fields();
    out.printf("mapping:        %d fields, %d features%n", fields.size(), m.mapping().width());
    for (MappedField f : fields) {
      out.printf(
          "  %-24s %-8s width %d%n", f.name(), f.type().name().toLowerCase(Locale.ROOT), f.width());
    }
    Normalization n = m.normalization();
    line(
        out,
        "normalization",
        n.size()
            + " features; offset "
            + span(n.offset())
            + ", scale "
            + span(n.scale())
            + ", range "
            + span(n.range()));
    for (int i = 0; i < m.operatingPoints().size(); i++) {
      var p = m.operatingPoints().get(i);
      line(
          out,
          "operating point " + i + (i == m.defaultOperatingPoint() ? " (default)" : ""),
          p.name() + ", step " + p.step() + ", " + p.metrics());
    }
    line(
        out,
        "max abs error",
        m.defaultMaxAbsError() == null
            ? "none by default"
            : m.defaultMaxAbsError()
                + " by default (encoders given no bound apply it; --max-abs-error none turns it"
                + " off)");
    section(out, "metrics", m.metrics());
    section(out, "provenance", m.provenance());
    section(out, "files (sha-256)", m.files());
  }

  private static void section(PrintWriter out, String title, Map<String, ?> values) {
    out.println(title + ":" + (values.isEmpty() ? " (none)" : ""));
    int w = values.keySet().stream().mapToInt(String::length).max().orElse(0);
    values.forEach((k, v) -> out.printf("  %-" + w + "s  %s%n", k, v));
  }

  private static void line(PrintWriter out, String key, String value) {
    out.printf("%-15s %s%n", key + ":", value);
  }

  private static String span(float[] v) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return v.length == 0 ? "-" : lo == hi ? fmt(lo) : fmt(lo) + ".." + fmt(hi);
  }

  private static String fmt(float x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }
}
