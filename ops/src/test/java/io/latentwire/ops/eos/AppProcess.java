package io.latentwire.ops.eos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One encode or decode app as a separate JVM, started the way users start it ({@code latentwire run
 * encode --config FILE}), so that it can be killed with SIGKILL like a crashed machine.
 *
 * <p>Owns the child process: {@link #close()} kills it if it is still alive. Output goes to a log
 * file, never to a pipe that could fill up and block the child.
 */
final class AppProcess implements AutoCloseable {
  /** Exit status of a process killed by SIGKILL (128 + 9). */
  static final int SIGKILL_STATUS = 137;

  /** Exit status of a process killed by SIGTERM (128 + 15) without a System.exit of its own. */
  static final int SIGTERM_STATUS = 143;

  private final String name;
  private final Process process;
  private final Path log;

  private AppProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code latentwire run <side> --config <config>} on this JVM's classpath, with a small
   * heap, its own temp directory, and ONNX/OpenMP threads that sleep when idle.
   */
  static AppProcess start(String name, String side, Path config, Path workDir) {
    return start(
        name,
        "io.latentwire.ops.cli.LatentwireCli",
        List.of("run", side, "--config", config.toString()),
        workDir);
  }

  /** Starts {@code mainClass} with {@code args} in a child JVM set up as above. */
  static AppProcess start(String name, String mainClass, List<String> args, Path workDir) {
    try {
      Path tmp = Files.createDirectories(workDir.resolve("tmp-" + name));
      Path log = workDir.resolve(name + ".log");
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx512m");
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-Djava.io.tmpdir=" + tmp);
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(mainClass);
      cmd.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
      pb.environment().put("OMP_NUM_THREADS", "1");
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return new AppProcess(name, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start app process " + name, e);
    }
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL (on Linux, {@code destroyForcibly} sends signal 9); returns the exit status. */
  int kill9() {
    process.destroyForcibly();
    return await();
  }

  /** SIGTERM: the app's shutdown hook closes Kafka Streams cleanly; returns the exit status. */
  int terminate() {
    process.destroy();
    return await();
  }

  private int await() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(name + " did not exit within 60 s; killed");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }

  /** The child's log so far. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** The first ERROR line of the child's log and the lines after it, or "" when there is none. */
  String firstError(int lines) {
    List<String> all = log().lines().toList();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).contains(" ERROR ") || all.get(i).startsWith("latentwire run: error")) {
        return String.join("\n", all.subList(i, Math.min(all.size(), i + lines)));
      }
    }
    return "";
  }

  /** The last {@code lines} lines of the child's log, for failure messages. */
  String logTail(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
