package io.latentwire.ops.bench;

import java.nio.ByteBuffer;

/**
 * The record's float32 values, little-endian, then zstd per record: lossless for any data. Owns a
 * zstd context: close it.
 */
public final class Float32ZstdBaseline extends ZstdPerRecordBaseline {
  public Float32ZstdBaseline(int width, int level) {
    super(width, level, Float.BYTES);
  }

  @Override
  public String name() {
    return "float32 + zstd";
  }

  @Override
  void put(ByteBuffer out, float value) {
    out.putFloat(value);
  }

  @Override
  float get(ByteBuffer in) {
    return in.getFloat();
  }
}
