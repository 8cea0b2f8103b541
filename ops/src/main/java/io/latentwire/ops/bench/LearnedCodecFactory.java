package io.latentwire.ops.bench;

import io.latentwire.codec.model.ModelBundle;

/**
 * Opens a model bundle for measuring on a data set. The default is {@link LatentCodecAdapter#open};
 * when the codec's API changes, a new adapter is passed here and nothing else in the harness moves.
 */
@FunctionalInterface
public interface LearnedCodecFactory {

  /**
   * @return an open model the caller closes
   * @throws BenchException if the bundle does not fit the data set (fields, width)
   */
  LearnedModelUnderTest open(ModelBundle bundle, BenchDataSet data);
}
