package io.latentwire.ops.bench;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one pipeline benchmark run measured: throughput of the identity, encode and decode
 * topologies over the same input, the bytes each topic's log holds, and end-to-end latency at a
 * fixed input rate under each commit setting.
 *
 * @param dataSet {@code fashion-mnist} or {@code telemetry}
 * @param description Markdown sentence(s) on the records
 * @param model one line on the model: id, architecture, where it came from
 * @param records records produced for the throughput runs
 * @param partitions partitions of every topic
 * @param warmUp a first identity pass that pays for class loading and JIT compilation; shown, not
 *     compared
 * @param identity raw → identity copy, the baseline; one per round
 * @param encode raw → latent; one per round
 * @param decode latent → reconstructed; one per round
 * @param logs log sizes after the throughput runs
 * @param latency one entry per commit setting, in the order run
 * @param loadBefore {@code uptime} before the run
 * @param loadAfter {@code uptime} after the run
 * @param seconds wall time of the whole run, model training excluded
 */
public record PipelineFigures(
    String dataSet,
    String description,
    String model,
    long records,
    int partitions,
    Throughput warmUp,
    List<Throughput> identity,
    List<Throughput> encode,
    List<Throughput> decode,
    LogSizes logs,
    List<Latency> latency,
    String loadBefore,
    String loadAfter,
    double seconds) {

  public PipelineFigures {
    Objects.requireNonNull(warmUp, "warmUp");
    identity = List.copyOf(identity);
    encode = List.copyOf(encode);
    decode = List.copyOf(decode);
    if (identity.isEmpty() || identity.size() != encode.size() || encode.size() != decode.size()) {
      throw new IllegalArgumentException(
          "need one identity, encode and decode run per round, got "
              + identity.size()
              + ", "
              + encode.size()
              + ", "
              + decode.size());
    }
    Objects.requireNonNull(logs, "logs");
    latency = List.copyOf(latency);
  }

  /**
   * One topology over the whole preloaded input.
   *
   * @param topology {@code identity}, {@code encode} or {@code decode}
   * @param input topic read
   * @param output topic written
   * @param inputs records in the input topic
   * @param outputs records read back from the output topic (read_committed)
   * @param firstToLastRate records/s between the first and the last output received
   * @param wallSeconds from the app's start (start-up included) to the last output received
   * @param batches inference batches drained (empty for identity)
   */
  public record Throughput(
      String topology,
      String input,
      String output,
      long inputs,
      long outputs,
      double firstToLastRate,
      double wallSeconds,
      String batches) {
    /** Records/s from the app's start to the last output, start-up included. */
    public double wallRate() {
      return outputs / wallSeconds;
    }
  }

  /**
   * Bytes of each topic's log after the throughput runs ({@code TopicAdmin.logSizeBytes}): record
   * batches as stored, so producer compression and, for topics written under exactly-once,
   * transaction markers are included.
   */
  public record LogSizes(long records, long raw, long identity, long latent, long reconstructed) {
    public double perRecord(long bytes) {
      return (double) bytes / records;
    }

    /** The latent log as a fraction of the raw log. */
    public double latentToRaw() {
      return (double) latent / raw;
    }
  }

  /**
   * Two rate-limited runs, each app reading its input as it arrives: identity alone, then encode
   * and decode together (as the pipeline runs), each on fresh topics.
   *
   * @param setting short name, e.g. {@code default}
   * @param overrides app settings that differ from the throughput runs
   * @param targetRate records/s asked for
   * @param achievedRate records/s the producer managed in the encode and decode run
   * @param seconds how long records were produced in the encode and decode run
   * @param warmUpSeconds records created in the first this-many seconds give no sample
   * @param produced records produced in the encode and decode run
   * @param identityProduced records produced in the identity run
   * @param copied records read from the identity topology's output topic
   * @param encoded records read from the latent topic
   * @param reconstructed records read from the reconstructed topic
   * @param identity latency raw create time → identity copy received (the floor that Kafka Streams
   *     under the same commit setting sets)
   * @param encode latency raw create time → latent record received
   * @param endToEnd latency raw create time → reconstructed record received
   * @param encodeBatches inference batches of the encoder
   */
  public record Latency(
      String setting,
      Map<String, String> overrides,
      int targetRate,
      double achievedRate,
      double seconds,
      double warmUpSeconds,
      long produced,
      long identityProduced,
      long copied,
      long encoded,
      long reconstructed,
      LatencySummary identity,
      LatencySummary encode,
      LatencySummary endToEnd,
      String encodeBatches) {
    public Latency {
      overrides = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
    }
  }

  /** Rounds of the throughput runs. */
  public int rounds() {
    return identity.size();
  }

  /**
   * Encode records/s as a fraction of identity records/s (first to last output): the median over
   * rounds of each round's ratio, so both sides of a ratio saw about the same machine load.
   */
  public double encodeToIdentity() {
    double[] ratios = new double[rounds()];
    for (int r = 0; r < ratios.length; r++) {
      ratios[r] = encode.get(r).firstToLastRate() / identity.get(r).firstToLastRate();
    }
    return median(ratios);
  }

  /**
   * The median of the finite {@code values} (mean of the middle two for an even count); NaN when
   * none is finite (e.g. every output of a tiny run arrived in one poll, so no rate is defined).
   */
  public static double median(double[] values) {
    double[] v = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    java.util.Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** The median first→last records/s of {@code runs}. */
  public static double medianRate(List<Throughput> runs) {
    return median(runs.stream().mapToDouble(Throughput::firstToLastRate).toArray());
  }

  /** The median wall-clock records/s of {@code runs}, start-up included. */
  public static double medianWallRate(List<Throughput> runs) {
    return median(runs.stream().mapToDouble(Throughput::wallRate).toArray());
  }
}
