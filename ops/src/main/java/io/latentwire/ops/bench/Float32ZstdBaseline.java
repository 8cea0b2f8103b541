package io.latentwire.ops.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The record's float32 values, little-endian, then zstd per record: lossless for any data. Owns a
 * zstd context: close it.
 */
public final class Float32ZstdBaseline implements Baseline {
  private final int width;
  private final ZstdFrames zstd;
  private final ByteBuffer raw;

  public Float32ZstdBaseline(int width, int level) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1, got " + width);
    }
    this.width = width;
    this.zstd = new ZstdFrames(level);
    this.raw = ByteBuffer.allocate(width * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public String name() {
    return "float32 + zstd";
  }

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
      raw.putFloat(rows[offset + j]);
    }
    return zstd.compress(raw.array());
  }

  @Override
  public void decodeOne(byte[] payload, float[] out, int offset) {
    ByteBuffer b =
        ByteBuffer.wrap(zstd.decompress(payload, width * Float.BYTES))
            .order(ByteOrder.LITTLE_ENDIAN);
    for (int j = 0; j < width; j++) {
      out[offset + j] = b.getFloat();
    }
  }

  @Override
  public void close() {
    zstd.close();
  }
}
