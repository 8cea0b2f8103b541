package io.latentwire.ops.bench;

import java.nio.ByteBuffer;

/**
 * Values in [0, 1] rounded to uint8 ({@code round(255 x)}, clamped), then zstd per record. Lossless
 * for 8-bit images, whose [0, 1] values are exactly {@code k / 255f}. Owns a zstd context: close
 * it.
 */
public final class Uint8ZstdBaseline extends ZstdPerRecordBaseline {
  public Uint8ZstdBaseline(int width, int level) {
    super(width, level, 1);
  }

  @Override
  public String name() {
    return "uint8 + zstd";
  }

  @Override
  void put(ByteBuffer out, float value) {
    int v = Math.round(value * 255f);
    out.put((byte) Math.max(0, Math.min(255, v)));
  }

  @Override
  float get(ByteBuffer in) {
    // Same expression as the loader's (pixel / 255f): lossless bit for bit.
    return (in.get() & 0xff) / 255f;
  }
}
