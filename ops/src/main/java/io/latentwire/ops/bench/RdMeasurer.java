package io.latentwire.ops.bench;

import io.latentwire.codec.metrics.FidelityMeter;
import java.util.Arrays;

/**
 * Measures one codec on one data set's test records: bytes per record, PSNR, max error, and encode
 * and decode records/s on the calling thread ({@link Timing}). Every payload is checked to decode
 * to the right number of values, and every encode pass must produce the bytes of the first (codecs
 * are meant to be deterministic; one that is not would make the size column meaningless).
 */
public final class RdMeasurer {
  private final Timing timing;

  public RdMeasurer(Timing timing) {
    this.timing = timing;
  }

  /** Measures {@code codec} (not closed here) on the test rows of {@code data}. */
  public RdRow measure(CodecUnderTest codec, BenchDataSet data) {
    if (codec.width() != data.width()) {
      throw new BenchException(
          codec.name()
              + " ("
              + codec.params()
              + ") takes records of "
              + codec.width()
              + " values; "
              + data.id()
              + " has "
              + data.width());
    }
    float[] test = data.test();
    int n = data.testRecords();
    long t0 = System.nanoTime();
    byte[][] payloads = codec.encode(test, 0, n);
    long firstEncode = System.nanoTime() - t0;
    long bytes = totalBytes(codec, payloads, n);
    float[] decoded = new float[test.length];
    t0 = System.nanoTime();
    codec.decode(payloads, 0, n, decoded);
    long firstDecode = System.nanoTime() - t0;
    FidelityMeter meter = new FidelityMeter(data.fidelityNormalization());
    meter.add(test, decoded, n);

    Runnable encodePass = () -> requireSameBytes(codec, bytes, codec.encode(test, 0, n), n);
    Runnable decodePass = () -> codec.decode(payloads, 0, n, decoded);
    double encodeNanosPerRecord = timedNanosPerRecord(encodePass, firstEncode, n);
    double decodeNanosPerRecord = timedNanosPerRecord(decodePass, firstDecode, n);
    return new RdRow(
        data.id(),
        codec.name(),
        codec.params(),
        codec.kind(),
        n,
        (double) bytes / n,
        meter.psnrDb(),
        meter.maxRelativeError(),
        1e9 / encodeNanosPerRecord,
        1e9 / decodeNanosPerRecord);
  }

  /** Warms up, then returns the median over the timed passes of nanoseconds per record. */
  private double timedNanosPerRecord(Runnable pass, long firstPassNanos, int records) {
    long minPass = timing.minPass().toNanos();
    long last = firstPassNanos;
    long warm = firstPassNanos;
    for (int p = 1; p < timing.warmUpPasses() || warm < minPass; p++) {
      long t0 = System.nanoTime();
      pass.run();
      last = System.nanoTime() - t0;
      warm += last;
    }
    long repeats = Math.max(1, (minPass + last - 1) / Math.max(1, last));
    long[] nanos = new long[timing.timedPasses()];
    for (int p = 0; p < nanos.length; p++) {
      long t0 = System.nanoTime();
      for (long r = 0; r < repeats; r++) {
        pass.run();
      }
      nanos[p] = System.nanoTime() - t0;
    }
    return median(nanos) / (repeats * (double) records);
  }

  private static long totalBytes(CodecUnderTest codec, byte[][] payloads, int n) {
    if (payloads.length != n) {
      throw new BenchException(
          codec.name() + " returned " + payloads.length + " payloads for " + n + " records");
    }
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      if (payloads[i] == null) {
        throw new BenchException(codec.name() + " returned no payload for record " + i);
      }
      bytes += payloads[i].length;
    }
    return bytes;
  }

  private static void requireSameBytes(CodecUnderTest codec, long bytes, byte[][] again, int n) {
    long b = totalBytes(codec, again, n);
    if (b != bytes) {
      throw new BenchException(
          codec.name()
              + " ("
              + codec.params()
              + ") is not deterministic: "
              + bytes
              + " bytes in the first pass, "
              + b
              + " in a later one");
    }
  }

  /** Median; the mean of the middle two for an even count. */
  static double median(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2.0;
  }
}
