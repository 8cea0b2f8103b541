package io.latentwire.ops.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program nobody here wrote (kcat, node) to completion, with a time limit.
 *
 * <p>Output goes to temporary files rather than pipes, so a chatty program can never block on a
 * full pipe while we wait for it. A program still running at the limit is killed (only that process
 * and its children), and the call fails naming the command.
 */
public final class ExternalProcess {
  /** What a finished program left behind. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    /**
     * @return this result
     * @throws AssertionError naming the command, its exit code and its stderr, unless it exited 0
     */
    public Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError(
            String.join(" ", command)
                + " exited with "
                + exitCode
                + "\n--- stderr ---\n"
                + stderr
                + "\n--- stdout ---\n"
                + abbreviate(stdout));
      }
      return this;
    }

    /** Non-empty stdout lines. */
    public List<String> lines() {
      return stdout.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private ExternalProcess() {}

  /**
   * Runs {@code command} in {@code directory} and waits for it.
   *
   * @param environment variables added to this JVM's environment
   * @throws AssertionError if the program cannot be started or runs past {@code timeout}
   */
  public static Result run(
      List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("latentwire-proc-", ".out");
      err = Files.createTempFile("latentwire-proc-", ".err");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      pb.environment().putAll(environment);
      Process process = pb.start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            String.join(" ", command)
                + " still running after "
                + timeout
                + "; killed it\n--- stderr ---\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(
          List.copyOf(command),
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + String.join(" ", command), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /**
   * The absolute path of {@code program} on the PATH, or null when it is not installed.
   *
   * @param program a bare program name such as {@code kcat}
   */
  public static Path onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  private static String abbreviate(String s) {
    return s.length() <= 4000 ? s : s.substring(0, 4000) + "... (" + s.length() + " chars)";
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
