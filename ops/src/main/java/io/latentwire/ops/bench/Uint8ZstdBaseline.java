package io.latentwire.ops.bench;

/**
 * Values in [0, 1] rounded to uint8 ({@code round(255 x)}, clamped), then zstd per record. Lossless
 * for 8-bit images, whose [0, 1] values are exactly {@code k / 255f}. Owns a zstd context: close
 * it.
 */
public final class Uint8ZstdBaseline implements Baseline {
  private final int width;
  private final ZstdFrames zstd;
  private final byte[] raw;

  public Uint8ZstdBaseline(int width, int level) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1, got " + width);
    }
    this.width = width;
    this.zstd = new ZstdFrames(level);
    this.raw = new byte[width];
  }

  @Override
  public String name() {
    return "uint8 + zstd";
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
    for (int j = 0; j < width; j++) {
      int v = Math.round(rows[offset + j] * 255f);
      raw[j] = (byte) Math.max(0, Math.min(255, v));
    }
    return zstd.compress(raw);
  }

  @Override
  public void decodeOne(byte[] payload, float[] out, int offset) {
    byte[] bytes = zstd.decompress(payload, width);
    for (int j = 0; j < width; j++) {
      // Same expression as the loader's (pixel / 255f): lossless bit for bit.
      out[offset + j] = (bytes[j] & 0xff) / 255f;
    }
  }

  @Override
  public void close() {
    zstd.close();
  }
}
