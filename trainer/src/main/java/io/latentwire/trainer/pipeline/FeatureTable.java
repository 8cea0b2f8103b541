package io.latentwire.trainer.pipeline;

import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.normalize.NormalizationFitter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.generic.GenericRecord;

/**
 * The raw feature rows of a data set, row-major in one growable {@code float[]}, with a running
 * SHA-256 over them (the data fingerprint written into the bundle's provenance).
 */
final class FeatureTable {
  private final FieldMapping mapping;
  private final int width;
  private final MessageDigest digest;
  private final ByteBuffer rowBytes;
  private float[] data;
  private int rows;

  FeatureTable(FieldMapping mapping) {
    this.mapping = mapping;
    this.width = mapping.width();
    this.data = new float[Math.max(width * 1024, 16)];
    this.rowBytes = ByteBuffer.allocate(width * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Appends the mapped features of one record. */
  void add(GenericRecord record) {
    if ((long) (rows + 1) * width > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          "data set too large to hold in memory: more than "
              + rows
              + " rows of "
              + width
              + " features");
    }
    if ((rows + 1) * width > data.length) {
      data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16, (long) data.length * 2));
    }
    mapping.extract(record, data, rows * width);
    rowBytes.clear();
    for (int i = 0; i < width; i++) {
      rowBytes.putFloat(data[rows * width + i]);
    }
    digest.update(rowBytes.array());
    rows++;
  }

  int rows() {
    return rows;
  }

  int width() {
    return width;
  }

  /** Row {@code r} copied into {@code out}. */
  void row(int r, float[] out) {
    System.arraycopy(data, r * width, out, 0, width);
  }

  /** The given rows, row-major, in the given order. */
  float[] gather(int[] rowIndexes) {
    float[] out = new float[rowIndexes.length * width];
    for (int i = 0; i < rowIndexes.length; i++) {
      System.arraycopy(data, rowIndexes[i] * width, out, i * width, width);
    }
    return out;
  }

  /** Fits a normalization on the given rows. */
  NormalizationFitter fit(int[] rowIndexes) {
    NormalizationFitter fitter = new NormalizationFitter(mapping.featureKinds());
    float[] row = new float[width];
    for (int r : rowIndexes) {
      row(r, row);
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
}
