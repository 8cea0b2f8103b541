package io.latentwire.ops.bench;

import io.latentwire.codec.dataset.Dataset;
import java.nio.file.Path;

/** Opens a data set's training split as records, for training a default model on it. */
@FunctionalInterface
public interface TrainingRecords {

  /**
   * @param workDir a directory the source may write into (e.g. a generated Avro file)
   * @return an open data set the caller closes
   */
  Dataset open(Path workDir);
}
