package io.latentwire.trainer.pipeline;

import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.normalize.NormalizationFitter;
import io.latentwire.trainer.TrainerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * The raw feature rows of a data set, spooled to a temporary file and memory-mapped, so the Java
 * heap does not grow with the number of rows (a million rows of 24 features are 96 MB of page
 * cache, not heap). A running SHA-256 over the rows gives the data fingerprint of the bundle's
 * provenance.
 *
 * <p>Life cycle: {@link #add} rows, then {@link #seal()}, then read with {@link #row}; {@link
 * #close()} deletes the spool file. Owns the file (and the mapping): close it. Not thread-safe.
 */
final class FeatureStore implements AutoCloseable {
  /** Bytes per mapped chunk: a whole number of rows, well under the 2 GiB limit of one mapping. */
  private static final long CHUNK_BYTES = 1L << 30;

  private static final int WRITE_BUFFER_BYTES = 1 << 20;

  private final FieldMapping mapping;
  private final int width;
  private final MessageDigest digest;
  private final Path file;
  private final FileChannel channel;
  private final float[] scratch;
  private final ByteBuffer writeBuffer;
  private final List<FloatBuffer> chunks = new ArrayList<>();
  private int rowsPerChunk;
  private int rows;
  private boolean sealed;

  /**
   * Creates an empty store with its spool file in {@code directory}.
   *
   * @param directory where the spool file goes (e.g. {@code java.io.tmpdir}), not null
   */
  FeatureStore(FieldMapping mapping, Path directory) {
    this.mapping = mapping;
    this.width = mapping.width();
    this.scratch = new float[width];
    int rowBytes = width * Float.BYTES;
    this.writeBuffer =
        ByteBuffer.allocate(Math.max(rowBytes, WRITE_BUFFER_BYTES / rowBytes * rowBytes))
            .order(ByteOrder.LITTLE_ENDIAN);
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try {
      Files.createDirectories(directory);
      this.file = Files.createTempFile(directory, "latentwire-features-", ".f32");
      this.channel =
          FileChannel.open(
              file,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              StandardOpenOption.DELETE_ON_CLOSE);
    } catch (IOException e) {
      throw new TrainerException(
          "cannot create the feature spool file in "
              + directory
              + " ("
              + e.getMessage()
              + "); set -Djava.io.tmpdir to a writable directory with room for the data",
          e);
    }
  }

  /** Appends the mapped features of one record. */
  void add(GenericRecord record) {
    if (sealed) {
      throw new IllegalStateException("the store is sealed; no more rows may be added");
    }
    if (rows == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("data set too large: more than " + rows + " rows");
    }
    mapping.extract(record, scratch, 0);
    requireFinite(scratch);
    if (writeBuffer.remaining() < width * Float.BYTES) {
      flush();
    }
    int start = writeBuffer.position();
    for (float v : scratch) {
      writeBuffer.putFloat(v);
    }
    digest.update(writeBuffer.array(), start, width * Float.BYTES);
    rows++;
  }

  /**
   * Policy: training data must be finite. A NaN or an infinity would poison the normalization and
   * the loss, so it is refused here, naming the record and the field; encoding (not training) sends
   * such values exactly when an error bound is asked for.
   */
  private void requireFinite(float[] row) {
    for (int c = 0; c < row.length; c++) {
      if (!Float.isFinite(row[c])) {
        int offset = c;
        for (io.latentwire.codec.mapping.MappedField f : mapping.fields()) {
          if (offset < f.width()) {
            throw new IllegalArgumentException(
                "record "
                    + (rows + 1)
                    + ": field '"
                    + f.name()
                    + "'"
                    + (f.width() > 1 ? " element " + offset : "")
                    + " is "
                    + row[c]
                    + "; training data must be finite (NaN and infinities are refused: drop or"
                    + " impute those records)");
          }
          offset -= f.width();
        }
      }
    }
  }

  /** Ends writing and maps the spool file for reading. */
  void seal() {
    if (sealed) {
      return;
    }
    flush();
    sealed = true;
    long rowBytes = (long) width * Float.BYTES;
    rowsPerChunk = (int) Math.max(1, CHUNK_BYTES / rowBytes);
    try {
      for (long first = 0; first < rows; first += rowsPerChunk) {
        long count = Math.min(rowsPerChunk, rows - first);
        MappedByteBuffer mapped =
            channel.map(FileChannel.MapMode.READ_ONLY, first * rowBytes, count * rowBytes);
        chunks.add(mapped.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot map the feature spool file " + file, e);
    }
  }

  private void flush() {
    writeBuffer.flip();
    try {
      while (writeBuffer.hasRemaining()) {
        channel.write(writeBuffer);
      }
    } catch (IOException e) {
      throw new TrainerException(
          "cannot write the feature spool file " + file + " (disk full?): " + e.getMessage(), e);
    }
    writeBuffer.clear();
  }

  int rows() {
    return rows;
  }

  int width() {
    return width;
  }

  /** Copies row {@code r} into {@code out[offset .. offset + width)}; the store must be sealed. */
  void row(int r, float[] out, int offset) {
    FloatBuffer chunk = chunks.get(r / rowsPerChunk);
    chunk.get((r % rowsPerChunk) * width, out, offset, width);
  }

  /** The given rows, row-major, in the given order, on the heap (for small subsets). */
  float[] gather(int[] rowIndexes) {
    float[] out = new float[Math.multiplyExact(rowIndexes.length, width)];
    for (int i = 0; i < rowIndexes.length; i++) {
      row(rowIndexes[i], out, i * width);
    }
    return out;
  }

  /** Fits a normalization on the given rows. */
  NormalizationFitter fit(int[] rowIndexes) {
    NormalizationFitter fitter = new NormalizationFitter(mapping.featureKinds());
    float[] row = new float[width];
    for (int r : rowIndexes) {
      row(r, row, 0);
      fitter.add(row);
    }
    return fitter;
  }

  /** Hex SHA-256 of all rows in order (float32 little-endian). */
  String fingerprint() {
    try {
      return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 digest is cloneable", e);
    }
  }

  /** Closes and deletes the spool file; the mapping is released when it is garbage-collected. */
  @Override
  public void close() {
    chunks.clear();
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the feature spool file " + file, e);
    }
  }
}
