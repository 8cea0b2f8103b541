package io.latentwire.ops.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A record's values written with a fixed-width element encoding (little-endian), then zstd per
 * record. Subclasses choose the element encoding; the framing, compression and buffer handling are
 * shared. Owns a zstd context: close it. Not thread-safe (one scratch buffer).
 */
abstract class ZstdPerRecordBaseline implements Baseline {
  private final int width;
  private final int bytesPerValue;
  private final ZstdFrames zstd;
  private final ByteBuffer raw;

  ZstdPerRecordBaseline(int width, int level, int bytesPerValue) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1, got " + width);
    }
    this.width = width;
    this.bytesPerValue = bytesPerValue;
    this.zstd = new ZstdFrames(level);
    this.raw = ByteBuffer.allocate(width * bytesPerValue).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Writes one value in the element encoding. */
  abstract void put(ByteBuffer out, float value);

  /** Reads one value back. */
  abstract float get(ByteBuffer in);

  @Override
  public String params() {
    return "level " + zstd.level();
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public byte[] encodeOne(float[] rows, int offset) {
    raw.clear();
    for (int j = 0; j < width; j++) {
      put(raw, rows[offset + j]);
    }
    return zstd.compress(raw.array());
  }

  @Override
  public void decodeOne(byte[] payload, float[] out, int offset) {
    ByteBuffer b =
        ByteBuffer.wrap(zstd.decompress(payload, width * bytesPerValue))
            .order(ByteOrder.LITTLE_ENDIAN);
    for (int j = 0; j < width; j++) {
      out[offset + j] = get(b);
    }
  }

  @Override
  public void close() {
    zstd.close();
  }
}
