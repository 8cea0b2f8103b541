package io.latentwire.trainer.nn;

import java.util.Objects;

/**
 * The checks every layer record ({@link DenseLayer}, and the convolution layers of {@link
 * io.latentwire.trainer.rd}) makes on its shape and its weight arrays, kept in one place so the
 * layers report bad input with the same messages.
 */
public final class LayerArrays {
  private LayerArrays() {}

  /**
   * Checks one shape field.
   *
   * @param field the field's name, for the message
   * @param value its value
   * @param min the smallest allowed value
   * @throws IllegalArgumentException naming the field if {@code value < min}
   */
  public static void requireAtLeast(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(field + " = " + value + ": must be at least " + min);
    }
  }

  /**
   * Checks an array of weights and returns a private copy of it.
   *
   * @param field the array's name, for the messages
   * @param values the values, must not be null
   * @param expectedLength how many values the layer's shape needs
   * @param expectation how that length follows from the shape, for the message (e.g. {@code
   *     "outputs = 4"})
   * @return a new array with the same values
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if the length differs or a value is not finite
   */
  public static float[] checkedCopy(
      String field, float[] values, long expectedLength, String expectation) {
    Objects.requireNonNull(values, field + " must not be null");
    if (values.length != expectedLength) {
      throw new IllegalArgumentException(
          field + " has " + values.length + " values, expected " + expectation);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            field + "[" + i + "] = " + values[i] + ": weights must be finite");
      }
    }
    return values.clone();
  }
}
