package io.latentwire.ops.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Each float32 value rounded to IEEE half precision (nearest, ties to even; relative error at most
 * 2^-11 in the normal range), little-endian, then zstd per record. Owns a zstd context: close it.
 */
public final class Float16ZstdBaseline implements Baseline {
  private final int width;
  private final ZstdFrames zstd;
  private final ByteBuffer raw;

  public Float16ZstdBaseline(int width, int level) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1, got " + width);
    }
    this.width = width;
    this.zstd = new ZstdFrames(level);
    this.raw = ByteBuffer.allocate(width * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public String name() {
    return "float16 + zstd";
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
      raw.putShort(HalfFloat.fromFloat(rows[offset + j]));
    }
    return zstd.compress(raw.array());
  }

  @Override
  public void decodeOne(byte[] payload, float[] out, int offset) {
    ByteBuffer b =
        ByteBuffer.wrap(zstd.decompress(payload, width * Short.BYTES))
            .order(ByteOrder.LITTLE_ENDIAN);
    for (int j = 0; j < width; j++) {
      out[offset + j] = HalfFloat.toFloat(b.getShort());
    }
  }

  @Override
  public void close() {
    zstd.close();
  }
}
