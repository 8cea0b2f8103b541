package io.latentwire.ops.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads topics with kcat (librdkafka's command-line client), so the tests compare our topics with
 * what a client nobody here wrote sees. Debian package {@code kcat}; skipped without it (see {@link
 * InteropTools}).
 */
public final class Kcat {
  /** Field and record separators in kcat's output: ASCII unit and record separators. */
  private static final String FIELD = "\u001f";

  private static final String RECORD = "\u001e";

  /**
   * One record as kcat printed it.
   *
   * @param key the key as text, or null for a null key
   * @param valueSize value length in bytes, -1 for a null value
   * @param wireHeader the value's first five bytes unpacked by kcat's {@code -s value=>bI}: the
   *     magic byte then the big-endian schema id, printed back to back ({@code "0"} + id); null
   *     unless asked for
   * @param headers the headers as kcat's {@code %h} prints them: {@code name=value} joined by
   *     commas
   */
  public record Record(
      int partition,
      long offset,
      long timestamp,
      String key,
      int valueSize,
      String wireHeader,
      String headers) {}

  private final Path executable;

  private Kcat(Path executable) {
    this.executable = executable;
  }

  /** kcat from the PATH; skips (or fails, when required) the calling test without it. */
  public static Kcat require() {
    Path kcat = ExternalProcess.onPath("kcat");
    InteropTools.require(kcat != null, "kcat is not on the PATH (Debian package kcat)");
    return new Kcat(kcat);
  }

  /**
   * Consumes all of {@code topic} (read_committed) and exits at its end.
   *
   * @param unpackWireHeader also unpack the Confluent wire-format header of each value with kcat's
   *     own pack-string deserializer
   */
  public List<Record> readAll(String bootstrapServers, String topic, boolean unpackWireHeader) {
    String format =
        String.join(FIELD, "%p", "%o", "%T", "%K", "%k", "%S", unpackWireHeader ? "%s" : "", "%h")
            + RECORD;
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            executable.toString(),
            "-b",
            bootstrapServers,
            "-C",
            "-t",
            topic,
            "-o",
            "beginning",
            "-e",
            "-q",
            "-X",
            "isolation.level=read_committed",
            "-f",
            format.replace(FIELD, "\\x1f").replace(RECORD, "\\x1e")));
    if (unpackWireHeader) {
      command.addAll(List.of("-s", "value=>bI"));
    }
    ExternalProcess.Result result =
        ExternalProcess.run(command, Path.of("."), Map.of(), Duration.ofSeconds(60))
            .requireSuccess();
    List<Record> records = new ArrayList<>();
    for (String line : result.stdout().split(RECORD)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(FIELD, -1);
      if (f.length != 8) {
        throw new AssertionError("unexpected kcat output line: " + line);
      }
      int keyLength = Integer.parseInt(f[3]);
      records.add(
          new Record(
              Integer.parseInt(f[0]),
              Long.parseLong(f[1]),
              Long.parseLong(f[2]),
              keyLength < 0 ? null : f[4],
              Integer.parseInt(f[5]),
              unpackWireHeader ? f[6] : null,
              f[7]));
    }
    return records;
  }
}
