package io.latentwire.codec.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {

  private IdxFiles() {}

  /** IDX bytes: magic for unsigned bytes, the dims, then {@code data}. */
  static byte[] idx(int[] dims, byte[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    buffer.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
    for (int d : dims) {
      buffer.putInt(d);
    }
    buffer.put(data);
    return buffer.array();
  }

  /** {@code count} images of {@code h x w}; pixel value = (image * 31 + pixel) mod 256. */
  static byte[] images(int count, int h, int w) {
    byte[] data = new byte[count * h * w];
    for (int i = 0; i < data.length; i++) {
      int image = i / (h * w);
      int pixel = i % (h * w);
      data[i] = (byte) (image * 31 + pixel);
    }
    return idx(new int[] {count, h, w}, data);
  }

  static byte[] labels(int... labels) {
    byte[] data = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      data[i] = (byte) labels[i];
    }
    return idx(new int[] {labels.length}, data);
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    if (file.getFileName().toString().endsWith(".gz")) {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(gz)) {
        out.write(bytes);
      }
      bytes = gz.toByteArray();
    }
    return Files.write(file, bytes);
  }
}
