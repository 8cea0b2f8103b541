package io.latentwire.ops.interop;

import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Decides what an interop test does when a tool it shells out to is missing: skip with a message
 * saying how to install it, or — when {@code LATENTWIRE_INTEROP_REQUIRED=true}, which {@code
 * ops/scripts/test-all} (and so CI) sets after installing the tools — fail, so CI can never pass by
 * silently skipping the interop tests.
 */
public final class InteropTools {
  /** Environment variable that turns a missing tool from a skip into a failure. */
  public static final String REQUIRED_ENV = "LATENTWIRE_INTEROP_REQUIRED";

  private InteropTools() {}

  /**
   * Skips (or fails, see class doc) the calling test unless {@code present}.
   *
   * @param what the missing thing and how to get it, e.g. "kcat not on PATH (apt-get install kcat)"
   */
  public static void require(boolean present, String what) {
    if (present) {
      return;
    }
    if (Boolean.parseBoolean(System.getenv(REQUIRED_ENV))) {
      fail(
          what + " — and " + REQUIRED_ENV + "=true: ops/scripts/test-all should have installed it");
    }
    Assumptions.assumeTrue(false, "skipped: " + what + "; ops/scripts/test-all installs it");
  }
}
