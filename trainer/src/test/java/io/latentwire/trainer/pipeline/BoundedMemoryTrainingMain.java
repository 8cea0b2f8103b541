package io.latentwire.trainer.pipeline;

import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import java.nio.file.Path;

/** Trains one epoch on a CSV and writes the bundle: run in a JVM with a small heap by a test. */
public final class BoundedMemoryTrainingMain {
  private BoundedMemoryTrainingMain() {}

  public static void main(String[] args) {
    Path csv = Path.of(args[0]);
    Path out = Path.of(args[1]);
    TrainingOptions options = TrainingOptions.defaults(8).withEpochs(1).withPatience(0);
    try (Dataset d = Datasets.open(csv)) {
      TrainedModel model = new ModelTrainer(TrainingMonitor.NONE).train(d, options);
      model.bundle().write(out);
      System.out.printf(
          "rows %s, seconds %.1f, max heap %d MB%n",
          model.bundle().manifest().provenance().get("data.rows"),
          model.trainSeconds(),
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }
}
