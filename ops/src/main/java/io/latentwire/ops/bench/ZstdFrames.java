package io.latentwire.ops.bench;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

/**
 * One zstd compression and one decompression context, reused across records the way a producer and
 * a consumer would reuse them. Each payload is a complete standard zstd frame (magic number and
 * frame header included: a per-record message must carry them). Owns native memory: close it. Not
 * thread-safe.
 */
final class ZstdFrames implements AutoCloseable {
  private final ZstdCompressCtx compressor;
  private final ZstdDecompressCtx decompressor;
  private final int level;

  ZstdFrames(int level) {
    if (level < 1 || level > 22) {
      throw new IllegalArgumentException("zstd level must be between 1 and 22, got " + level);
    }
    this.level = level;
    ZstdCompressCtx c = new ZstdCompressCtx();
    try {
      c.setLevel(level);
      this.decompressor = new ZstdDecompressCtx();
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    this.compressor = c;
  }

  int level() {
    return level;
  }

  byte[] compress(byte[] raw) {
    return compressor.compress(raw);
  }

  /** Decompresses a frame that must hold exactly {@code size} bytes. */
  byte[] decompress(byte[] frame, int size) {
    byte[] raw = decompressor.decompress(frame, size);
    if (raw.length != size) {
      throw new IllegalStateException(
          "zstd frame decompressed to " + raw.length + " bytes, expected " + size);
    }
    return raw;
  }

  @Override
  public void close() {
    try {
      compressor.close();
    } finally {
      decompressor.close();
    }
  }
}
