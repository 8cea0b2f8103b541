package io.latentwire.ops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The output of {@code uptime}: what the report says about machine load around a run. */
final class Uptime {
  private Uptime() {}

  /**
   * {@code uptime}'s line, or {@code load average: …} from {@code /proc/loadavg} when the command
   * is not there.
   */
  static String now() {
    try {
      Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
        return out;
      }
      p.destroy();
    } catch (IOException e) {
      // no uptime command: fall back to /proc/loadavg
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "load average: " + MachineFacts.loadAverage();
  }
}
