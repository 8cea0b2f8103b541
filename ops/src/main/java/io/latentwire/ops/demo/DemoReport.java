package io.latentwire.ops.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The figures a demo run measured, printed as a table.
 *
 * @param dataset what was streamed
 * @param modelId the model bundle's id prefix
 * @param trainSeconds wall-clock training time
 * @param records records streamed and reconstructed
 * @param rawBytesPerRecord raw feature bytes of one record (e.g. 784 for a uint8 image)
 * @param wireBytesPerRecord Avro wire-format bytes of one source record
 * @param rawLogBytesPerRecord the raw topic's log bytes (zstd producer batches) per record
 * @param latentLogBytesPerRecord the latent topic's log bytes per record
 * @param psnrDb PSNR over every reconstructed value, relative to each feature's range
 * @param maxAbsError largest absolute error, raw units
 * @param recordsPerSecond records through encode and decode per second, from the apps' start
 *     (including their start-up and consumer group join) to the last reconstructed record
 * @param steadyRecordsPerSecond the same from the first to the last reconstructed record
 */
public record DemoReport(
    String dataset,
    String modelId,
    double trainSeconds,
    long records,
    double rawBytesPerRecord,
    double wireBytesPerRecord,
    double rawLogBytesPerRecord,
    double latentLogBytesPerRecord,
    double psnrDb,
    double maxAbsError,
    double maxAbsErrorRelative,
    double recordsPerSecond,
    double steadyRecordsPerSecond,
    long deadLetters) {

  public double ratioVsRawTopic() {
    return rawLogBytesPerRecord / latentLogBytesPerRecord;
  }

  public void print(PrintStream out) {
    out.println();
    out.println("latentwire demo: " + dataset);
    out.println("| figure | value |");
    out.println("|---|---|");
    row(out, "model", modelId);
    row(out, "training time", String.format(Locale.ROOT, "%.1f s", trainSeconds));
    row(out, "records streamed (encode + decode, real broker)", Long.toString(records));
    row(out, "raw feature bytes per record", String.format(Locale.ROOT, "%.0f", rawBytesPerRecord));
    row(
        out,
        "Avro wire bytes per source record",
        String.format(Locale.ROOT, "%.1f", wireBytesPerRecord));
    row(
        out,
        "raw topic log bytes per record (zstd batches)",
        String.format(Locale.ROOT, "%.1f", rawLogBytesPerRecord));
    row(
        out,
        "latent topic log bytes per record",
        String.format(Locale.ROOT, "%.1f", latentLogBytesPerRecord));
    row(
        out,
        "ratio, raw topic log / latent topic log",
        String.format(Locale.ROOT, "%.1f x", ratioVsRawTopic()));
    row(
        out,
        "ratio, raw feature bytes / latent log bytes",
        String.format(Locale.ROOT, "%.1f x", rawBytesPerRecord / latentLogBytesPerRecord));
    row(out, "PSNR (per-feature range)", String.format(Locale.ROOT, "%.2f dB", psnrDb));
    row(out, "max abs error (raw units)", String.format(Locale.ROOT, "%.4g", maxAbsError));
    row(
        out,
        "max abs error / feature range",
        String.format(Locale.ROOT, "%.4f", maxAbsErrorRelative));
    row(
        out,
        "records/s, encode + decode, from app start",
        String.format(Locale.ROOT, "%.0f", recordsPerSecond));
    row(
        out,
        "records/s, encode + decode, first to last output",
        String.format(Locale.ROOT, "%.0f", steadyRecordsPerSecond));
    row(out, "dead letters", Long.toString(deadLetters));
    out.flush();
  }

  private static void row(PrintStream out, String k, String v) {
    out.println("| " + k + " | " + v + " |");
  }
}
