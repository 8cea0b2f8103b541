package io.latentwire.trainer.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's Chromium headless on a local page and returns the DOM after the page's load event,
 * scripts run. The browser is kept off the network (every host name resolves to nothing, no proxy,
 * no background traffic), gets its own throw-away profile, and is killed after {@link #TIMEOUT_S}.
 *
 * <p>Without Chromium the calling test is skipped, or fails when {@code
 * LATENTWIRE_INTEROP_REQUIRED=true} (set by {@code ops/scripts/test-all}, which installs it), as
 * the ops interop tests do with kcat.
 */
final class HeadlessChromium {
  static final String REQUIRED_ENV = "LATENTWIRE_INTEROP_REQUIRED";
  static final long TIMEOUT_S = 60;
  private static final List<String> NAMES = List.of("chromium", "chromium-browser");

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /** The browser, or a skip (or failure, see class doc) naming how to install it. */
  static HeadlessChromium require() {
    Optional<Path> found = find();
    if (found.isEmpty()) {
      String what = "chromium not on PATH (apt-get install chromium)";
      if (Boolean.parseBoolean(System.getenv(REQUIRED_ENV))) {
        fail(
            what
                + " — and "
                + REQUIRED_ENV
                + "=true: ops/scripts/test-all should have installed it");
      }
      Assumptions.assumeTrue(false, "skipped: " + what + "; ops/scripts/test-all installs it");
    }
    return new HeadlessChromium(found.get());
  }

  private static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Loads {@code page} and returns its DOM as HTML.
   *
   * @param workDir a scratch directory for the browser's profile and logs
   */
  String dumpDom(Path page, Path workDir) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
    Path out = workDir.resolve("dom.html");
    Path err = workDir.resolve("chromium.log");
    ProcessBuilder pb =
        new ProcessBuilder(
            executable.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--no-proxy-server",
            "--user-data-dir=" + profile,
            "--virtual-time-budget=5000",
            "--dump-dom",
            page.toUri().toString());
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    pb.environment().put("HOME", workDir.toString());
    Process p = pb.start();
    try {
      if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        fail("chromium did not finish within " + TIMEOUT_S + " s on " + page);
      }
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0 || dom.isBlank()) {
      fail(
          "chromium exited "
              + p.exitValue()
              + " with no DOM for "
              + page
              + "; its log:\n"
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    return dom;
  }
}
