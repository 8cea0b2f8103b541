package io.latentwire.ops.cli;

import io.latentwire.ops.demo.Demo;
import io.latentwire.ops.demo.DemoData;
import io.latentwire.ops.demo.DemoDataSets;
import io.latentwire.ops.demo.DemoReport;
import io.latentwire.trainer.cli.ProgressBar;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latentwire demo}: the whole pipeline, end to end, on an embedded stack. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Train a model and stream records through encode and decode on an embedded Kafka broker"
          + " and schema registry, then print what it measured.",
      "Uses Fashion-MNIST when the Debian package dataset-fashion-mnist is installed, else a"
          + " built-in multi-sensor telemetry generator."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      defaultValue = "auto",
      description = "auto, fashion-mnist or telemetry (default ${DEFAULT-VALUE}).")
  String data;

  @Option(
      names = "--records",
      defaultValue = "10000",
      description = "Records to stream (default ${DEFAULT-VALUE}).")
  int records;

  @Option(
      names = "--time-budget",
      defaultValue = "150s",
      description = "Cap on training time (default ${DEFAULT-VALUE}).")
  String timeBudget;

  @Option(
      names = "--work-dir",
      description = "Where the model and broker state go (default: a temp dir).")
  Path workDir;

  @Override
  public Integer call() throws IOException {
    if (records < 1) {
      throw new IllegalArgumentException("--records must be >= 1, got " + records);
    }
    Duration budget =
        io.latentwire.trainer.cli.TrainCommand.parseDurationOption("--time-budget", timeBudget);
    Path dir = workDir != null ? workDir : Files.createTempDirectory("latentwire-demo");
    Files.createDirectories(dir);
    PrintStream out = System.out;
    DemoDataSets sets = new DemoDataSets(dir);
    DemoData demoData =
        switch (data.toLowerCase(Locale.ROOT)) {
          case "auto" -> sets.auto(records);
          case "fashion-mnist" ->
              sets.fashionMnist(records)
                  .orElseThrow(
                      () ->
                          new CliException(
                              "--data fashion-mnist: the Debian package dataset-fashion-mnist is not installed"
                                  + " (apt-get install dataset-fashion-mnist)"));
          case "telemetry" -> sets.telemetry(records);
          default ->
              throw new IllegalArgumentException(
                  "--data '" + data + "' is not known; allowed: auto, fashion-mnist, telemetry");
        };
    TrainingOptions options = sets.trainingOptions(demoData).withTimeBudget(budget);
    DemoReport report = new Demo(out, ProgressBar.onStderr()).run(demoData, options, dir);
    report.print(out);
    return 0;
  }
}
