package io.latentwire.ops.cli;

import io.latentwire.schemas.ModelAnnouncement;
import io.latentwire.streams.models.AnnouncementVerifier;
import io.latentwire.streams.models.ModelAnnouncements;
import io.latentwire.streams.models.ModelTopicSnapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentwire model list --bootstrap ...}: what the models topic holds. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the models on the models topic: id prefix, publication time, trainer version, size,"
          + " signer, verification and description.",
      "CHECK verifies each bundle's content hash (and, with --trusted-key, its signature) as a"
          + " decoder would."
    })
public final class ModelListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Mixin TrustOptions trust;

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
    List<ModelTopicSnapshot.Entry> entries =
        ModelTopicSnapshot.read(kafka.clientConfig("model list"), topic, timeout);
    PrintWriter out = spec.commandLine().getOut();
    if (entries.isEmpty()) {
      out.println("no models on " + topic);
      out.flush();
      return 0;
    }
    AnnouncementVerifier verifier = new AnnouncementVerifier(trust.keys(), trust.requireSignature);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "CREATED", "TRAINER", "SIZE", "SIGNED", "CHECK", "DESCRIPTION"});
    for (ModelTopicSnapshot.Entry e : entries) {
      ModelAnnouncement a = e.announcement();
      if (a == null) {
        rows.add(
            new String[] {
              prefix(e.key()), "?", "?", size(e.valueBytes()), "?", "unreadable: " + e.problem(), ""
            });
        continue;
      }
      AnnouncementVerifier.Verdict v = verifier.verify(e.key(), a);
      String check =
          v instanceof AnnouncementVerifier.Refused r
              ? "REFUSED: " + r.reason()
              : "ok ("
                  + ((AnnouncementVerifier.Accepted) v).signature().name().toLowerCase(Locale.ROOT)
                  + ")";
      rows.add(
          new String[] {
            prefix(a.getModelId()),
            a.getCreatedAtMs().truncatedTo(ChronoUnit.SECONDS).toString(),
            a.getTrainerVersion().isEmpty() ? "-" : a.getTrainerVersion(),
            size(a.getBundle().remaining()),
            a.getSignature() == null ? "no" : a.getSignerKeyId(),
            check,
            a.getDescription()
          });
    }
    printTable(out, rows);
    out.printf("%d model%s on %s%n", entries.size(), entries.size() == 1 ? "" : "s", topic);
    out.flush();
    return 0;
  }

  static String prefix(String id) {
    if (id == null) {
      return "(no key)";
    }
    return id.length() > 16 ? id.substring(0, 16) : id;
  }

  /** Bytes in B, KiB or MiB. */
  static String size(long bytes) {
    if (bytes >= 1 << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
    if (bytes >= 1 << 10) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return bytes + " B";
  }

  /** Left-aligned columns; the last one is not padded. */
  static void printTable(PrintWriter out, List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        sb.append(c == cols - 1 ? r[c] : String.format("%-" + width[c] + "s  ", r[c]));
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  /** For messages: an instant to the second. */
  static String when(Instant t) {
    return t == null ? "?" : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
