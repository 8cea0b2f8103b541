package io.latentwire.ops.replay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One end of a replay range: a time (the first record at or after it), an offset (the same offset
 * in every partition), or the earliest/latest end of the topic. Ranges are half-open: {@code
 * --from} is included, {@code --to} is not, so adjacent ranges never overlap.
 */
public sealed interface ReplayBound {
  /** Records with a timestamp at or after this instant. */
  record Time(Instant instant) implements ReplayBound {}

  /** This offset, in every partition. */
  record Offset(long offset) implements ReplayBound {
    public Offset {
      if (offset < 0) {
        throw new IllegalArgumentException("offset must be >= 0, got " + offset);
      }
    }
  }

  /** The beginning of each partition. */
  record Earliest() implements ReplayBound {}

  /** The end of each partition when the replay starts (read_committed). */
  record Latest() implements ReplayBound {}

  /**
   * Parses {@code earliest}, {@code latest}, {@code offset:N} or an ISO-8601 time with a zone
   * ({@code 2026-01-01T00:00:00Z}, {@code 2026-01-01T01:00:00+01:00}).
   *
   * @param option the option name, for the error message
   * @throws IllegalArgumentException naming the option, the value and the allowed forms
   */
  static ReplayBound parse(String text, String option) {
    String t = text.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.equals("earliest")) {
      return new Earliest();
    }
    if (lower.equals("latest")) {
      return new Latest();
    }
    if (lower.startsWith("offset:")) {
      try {
        return new Offset(Long.parseLong(t.substring("offset:".length())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            option + " " + text + ": offset:N needs a whole number N >= 0", e);
      }
    }
    try {
      return new Time(Instant.parse(t));
    } catch (DateTimeParseException e) {
      try {
        return new Time(OffsetDateTime.parse(t).toInstant());
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            option
                + " '"
                + text
                + "': expected an ISO-8601 time with a zone (2026-01-01T00:00:00Z), offset:N,"
                + " earliest or latest");
      }
    }
  }
}
