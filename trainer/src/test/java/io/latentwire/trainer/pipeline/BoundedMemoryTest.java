package io.latentwire.trainer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature rows live off the heap: a data set whose features alone (500k rows × 24 floats = 48
 * MB, plus the training split's copy the old in-heap table made) exceed a 64 MB heap still trains,
 * in a forked JVM run with {@code -Xmx64m}.
 */
class BoundedMemoryTest {
  private static final int ROWS = 500_000;

  @TempDir Path dir;

  @Test
  void shouldTrainMoreRowsThanTheHeapCouldHoldInAForkedJvmWithA64MegabyteHeap()
      throws IOException, InterruptedException {
    Path csv = WideCsv.write(dir.resolve("wide.csv"), ROWS, 24, 1);
    Path out = dir.resolve("wide.lwm");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    for (String p :
        List.of(
            "java.io.tmpdir",
            "ai.djl.offline",
            "DJL_CACHE_DIR",
            "ai.djl.pytorch.num_threads",
            "ai.djl.pytorch.num_interop_threads")) {
      if (System.getProperty(p) != null) {
        command.add("-D" + p + "=" + System.getProperty(p));
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BoundedMemoryTrainingMain.class.getName());
    command.add(csv.toString());
    command.add(out.toString());
    Path log = dir.resolve("child.log");
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = child.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      child.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("child finished; output:%n%s", output).isTrue();
    assertThat(child.exitValue()).as("child exit; output:%n%s", output).isZero();
    assertThat(output).contains("rows " + ROWS).contains("max heap");
    assertThat(out).isNotEmptyFile();
    System.out.println("bounded-memory child: " + output.strip());
  }
}
