package io.latentwire.ops.bench;

import java.util.List;

/**
 * A learned model opened for the benchmark: one {@link LearnedCodecUnderTest} per operating point
 * it offers (today's bundles offer one; bundles with a quality ladder offer several, one table row
 * each). Owns the inference sessions: close it after measuring.
 */
public interface LearnedModelUnderTest extends AutoCloseable {

  /** One line about the model for the report, e.g. its id, architecture and training figures. */
  String description();

  /** The operating points, at least one, in the order the table should list them. */
  List<LearnedCodecUnderTest> operatingPoints();

  @Override
  void close();
}
