package io.latentwire.ops.bench;

import java.util.Objects;

/**
 * One measured row: a codec at one setting on one data set.
 *
 * @param dataSet data set id, e.g. {@code fashion-mnist}
 * @param codec codec family, e.g. {@code uint8 + zstd}
 * @param params its settings, e.g. {@code level 3}
 * @param kind baseline or learned
 * @param records test records measured
 * @param bytesPerRecord mean payload bytes per record, each record compressed alone
 * @param psnrDb PSNR pooled over all values, relative to feature ranges; infinite when lossless
 * @param maxAbsError largest absolute error relative to its feature's range (raw units for [0,1]
 *     pixels)
 * @param encodeRecordsPerSecond single thread, median of the timed passes
 * @param decodeRecordsPerSecond single thread, median of the timed passes
 */
public record RdRow(
    String dataSet,
    String codec,
    String params,
    CodecUnderTest.Kind kind,
    int records,
    double bytesPerRecord,
    double psnrDb,
    double maxAbsError,
    double encodeRecordsPerSecond,
    double decodeRecordsPerSecond) {

  public RdRow {
    Objects.requireNonNull(dataSet, "dataSet");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(kind, "kind");
  }
}
