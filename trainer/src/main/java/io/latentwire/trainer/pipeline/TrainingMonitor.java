package io.latentwire.trainer.pipeline;

import io.latentwire.trainer.rd.RdProgressListener;

/** What a training run reports beyond the optimiser's own progress: the phases around it. */
public interface TrainingMonitor extends RdProgressListener {
  /** A monitor that ignores everything. */
  TrainingMonitor NONE = new TrainingMonitor() {};

  /** A phase begins, e.g. "reading data", "calibrating quantizer". */
  default void phase(String description) {}

  /** Rows read so far while loading. */
  default void rowsRead(long rows) {}
}
