package io.latentwire.trainer.rd;

/**
 * The shape of records that are images. A record is the image's values flattened row-major with the
 * channel last: value {@code (row, column, channel)} sits at {@code (row · width + column) ·
 * channels + channel}, the layout of interleaved pixels (for one channel, plain row-major pixels).
 *
 * @param height rows, at least 1
 * @param width columns, at least 1
 * @param channels values per pixel, at least 1
 */
public record ImageShape(int height, int width, int channels) {

  /** Checks every dimension is at least 1 and the image fits an {@code int} number of values. */
  public ImageShape {
    requirePositive("height", height);
    requirePositive("width", width);
    requirePositive("channels", channels);
    if ((long) height * width * channels > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "image "
              + height
              + " x "
              + width
              + " x "
              + channels
              + " has too many values for a record");
    }
  }

  /**
   * Returns the number of values of one record.
   *
   * @return {@code height · width · channels}
   */
  public int values() {
    return height * width * channels;
  }

  private static void requirePositive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("image " + field + " = " + value + ": must be at least 1");
    }
  }
}
