package io.latentwire.ops.bench;

import java.nio.ByteBuffer;

/**
 * Each float32 value rounded to IEEE half precision (nearest, ties to even; relative error at most
 * 2^-11 in the normal range), little-endian, then zstd per record. Owns a zstd context: close it.
 */
public final class Float16ZstdBaseline extends ZstdPerRecordBaseline {
  public Float16ZstdBaseline(int width, int level) {
    super(width, level, Short.BYTES);
  }

  @Override
  public String name() {
    return "float16 + zstd";
  }

  @Override
  void put(ByteBuffer out, float value) {
    out.putShort(HalfFloat.fromFloat(value));
  }

  @Override
  float get(ByteBuffer in) {
    return HalfFloat.toFloat(in.getShort());
  }
}
