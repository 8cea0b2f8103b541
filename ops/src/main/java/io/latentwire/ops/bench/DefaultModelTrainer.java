package io.latentwire.ops.bench;

import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.trainer.pipeline.ModelTrainer;
import io.latentwire.trainer.pipeline.TrainedModel;
import io.latentwire.trainer.pipeline.TrainingMonitor;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Trains the quick default model of a data set when no bundle is given: the data set's default
 * options, capped by a wall-clock budget, on its training split. The bundle is written to the work
 * directory so a later run can reuse it with {@code --model}.
 */
public final class DefaultModelTrainer {
  private final TrainingMonitor monitor;

  public DefaultModelTrainer(TrainingMonitor monitor) {
    this.monitor = monitor;
  }

  /** A trained model and where it was saved. */
  public record Result(ModelBundle bundle, Path path, TrainingOptions options) {}

  /** Trains on {@code data}'s training split for at most {@code budget} (plus one epoch). */
  public Result train(BenchDataSet data, Duration budget, Path workDir) {
    TrainingOptions options = data.defaultTraining().withTimeBudget(budget);
    TrainedModel model;
    try (Dataset records = data.trainingRecords().open(workDir)) {
      model = new ModelTrainer(monitor).train(records, options);
    }
    ModelBundle bundle = model.bundle();
    Path path = workDir.resolve(data.id() + "-" + bundle.id().shortHex() + ".lwm");
    bundle.write(path);
    return new Result(bundle, path, options);
  }
}
