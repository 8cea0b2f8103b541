package io.latentwire.ops.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * How speeds are measured. A pass runs the whole test set through encode (or decode); a fast codec
 * gets through 10,000 records in a millisecond, too short to time or to finish JIT compilation, so
 * a pass repeats the test set until it lasts at least {@code minPass}. At least {@code
 * warmUpPasses} untimed passes (and at least {@code minPass} of them in all) come first; the first
 * also yields sizes and errors. The median of {@code timedPasses} timed passes is reported.
 */
public record Timing(int warmUpPasses, int timedPasses, Duration minPass) {

  /** One warm-up pass, median of three, passes of at least 250 ms. */
  public static final Timing STANDARD = new Timing(1, 3, Duration.ofMillis(250));

  public Timing {
    if (warmUpPasses < 1) {
      throw new IllegalArgumentException(
          "warmUpPasses must be >= 1 (it measures size and error), got " + warmUpPasses);
    }
    if (timedPasses < 1) {
      throw new IllegalArgumentException("timedPasses must be >= 1, got " + timedPasses);
    }
    Objects.requireNonNull(minPass, "minPass");
    if (minPass.isNegative()) {
      throw new IllegalArgumentException("minPass must not be negative, got " + minPass);
    }
  }
}
