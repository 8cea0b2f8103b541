package io.latentwire.streams.topology;

import java.util.Objects;

/**
 * The three topics of one side of the pipeline.
 *
 * @param input the topic read
 * @param output the topic written
 * @param deadLetter where records that cannot be processed go
 */
public record Topics(String input, String output, String deadLetter) {
  public Topics {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(deadLetter, "deadLetter");
    if (input.equals(output) || input.equals(deadLetter) || output.equals(deadLetter)) {
      throw new IllegalArgumentException(
          "input, output and dead-letter topics must differ; got "
              + input
              + ", "
              + output
              + ", "
              + deadLetter);
    }
  }
}
