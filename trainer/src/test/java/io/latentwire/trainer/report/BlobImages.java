package io.latentwire.trainer.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Writes a small IDX image file: grey Gaussian blobs at random places, seeded. */
final class BlobImages {
  private BlobImages() {}

  /** {@code count} images of {@code h x w} into {@code dir/blobs-images-idx3-ubyte}. */
  static Path writeIdx(Path dir, int count, int h, int w, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    ByteBuffer b = ByteBuffer.allocate(16 + count * h * w);
    b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) 3);
    b.putInt(count).putInt(h).putInt(w);
    for (int i = 0; i < count; i++) {
      double cy = rnd.nextDouble(2, h - 2);
      double cx = rnd.nextDouble(2, w - 2);
      double s = rnd.nextDouble(1.2, 2.5);
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          double d2 = (r - cy) * (r - cy) + (c - cx) * (c - cx);
          b.put((byte) Math.round(255 * Math.exp(-d2 / (2 * s * s))));
        }
      }
    }
    return Files.write(dir.resolve("blobs-images-idx3-ubyte"), b.array());
  }
}
