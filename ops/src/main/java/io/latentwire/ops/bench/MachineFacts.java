package io.latentwire.ops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the report says about the machine: enough to tell whether two runs are comparable. What else
 * was running is unknown; {@link #loadAverage()} taken before and after a measurement hints at it.
 *
 * @param nproc output of {@code nproc} (cores this process may use), or {@code unknown}
 * @param jvmProcessors {@link Runtime#availableProcessors()}
 * @param cpuModel first {@code model name} of {@code /proc/cpuinfo}, or {@code unknown}
 * @param java Java version and VM name
 * @param os operating system name, version and architecture
 */
public record MachineFacts(
    String nproc, int jvmProcessors, String cpuModel, String java, String os) {

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  /** Facts about the machine this JVM runs on. */
  public static MachineFacts capture() {
    return new MachineFacts(
        readNproc(),
        Runtime.getRuntime().availableProcessors(),
        readCpuModel(),
        System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
  }

  /** One line for reports. */
  public String summary() {
    String cores =
        nproc.equals(Integer.toString(jvmProcessors))
            ? "nproc " + nproc
            : "nproc " + nproc + " (JVM sees " + jvmProcessors + ")";
    return String.format(Locale.ROOT, "%s, %s, Java %s, %s", cores, cpuModel, java, os);
  }

  /**
   * The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, e.g. {@code 0.52 0.61 0.70},
   * or {@code unavailable}.
   */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(LOADAVG, StandardCharsets.US_ASCII).trim().split("\\s+");
      return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unavailable";
    } catch (IOException | RuntimeException e) {
      return "unavailable";
    }
  }

  private static String readNproc() {
    try {
      ProcessBuilder pb = new ProcessBuilder("nproc").redirectErrorStream(true);
      // GNU nproc obeys these, and the launcher sets OMP_NUM_THREADS=1 for libtorch.
      pb.environment().remove("OMP_NUM_THREADS");
      pb.environment().remove("OMP_THREAD_LIMIT");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+")) {
        return out;
      }
      p.destroy();
    } catch (IOException e) {
      // no nproc on this system: reported as unknown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }

  private static String readCpuModel() {
    try {
      for (String line : Files.readAllLines(CPUINFO, StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          int colon = line.indexOf(':');
          return colon < 0 ? "unknown" : line.substring(colon + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: reported as unknown
    }
    return "unknown";
  }
}
