package io.latentwire.ops.replay;

import io.latentwire.streams.serde.GenericAvroSerializer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --out} of a replay: {@code topic:NAME}, {@code file:PATH.avro} or {@code
 * file:PATH.csv}.
 *
 * @param kind where the records go
 * @param target the topic name or file path
 */
public record ReplayOutput(Kind kind, String target) {
  /** The kinds of output. */
  public enum Kind {
    TOPIC,
    AVRO_FILE,
    CSV_FILE
  }

  /**
   * @throws IllegalArgumentException naming the value and the allowed forms
   */
  public static ReplayOutput parse(String text) {
    String t = text.strip();
    if (t.startsWith("topic:") && t.length() > "topic:".length()) {
      return new ReplayOutput(Kind.TOPIC, t.substring("topic:".length()));
    }
    if (t.startsWith("file:") && t.length() > "file:".length()) {
      String path = t.substring("file:".length());
      String lower = path.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".avro")) {
        return new ReplayOutput(Kind.AVRO_FILE, path);
      }
      if (lower.endsWith(".csv")) {
        return new ReplayOutput(Kind.CSV_FILE, path);
      }
      throw new IllegalArgumentException(
          "--out " + text + ": a file output must end in .avro or .csv");
    }
    throw new IllegalArgumentException(
        "--out '" + text + "': expected topic:NAME, file:PATH.avro or file:PATH.csv");
  }

  /** Opens the sink; the caller closes it. */
  ReplaySink open(Map<String, ?> clientConfig, GenericAvroSerializer serializer) {
    return switch (kind) {
      case TOPIC -> new TopicSink(clientConfig, target, serializer);
      case AVRO_FILE -> new AvroFilesSink(Path.of(target));
      case CSV_FILE -> new CsvFileSink(Path.of(target));
    };
  }

  @Override
  public String toString() {
    return (kind == Kind.TOPIC ? "topic:" : "file:") + target;
  }
}
