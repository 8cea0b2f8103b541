package io.latentwire.streams.metrics;

import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.app.Side;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of one encode or decode app, and the hooks its processors call. Every meter is named
 * {@code latentwire_*} and tagged {@code side}, {@code topic} (the base topic) and {@code model}
 * (the model id's short hex).
 *
 * <table>
 *   <caption>Meters (Prometheus names)</caption>
 *   <tr><td>{@code latentwire_records_in_total}</td><td>records read</td></tr>
 *   <tr><td>{@code latentwire_records_out_total{outcome=ok|dead-letter}}</td><td>records
 *       written, to the output or the dead-letter topic</td></tr>
 *   <tr><td>{@code latentwire_bytes_in_total{outcome}}</td><td>value bytes read (source values
 *       on the encoder, latent values on the decoder)</td></tr>
 *   <tr><td>{@code latentwire_bytes_out_total{outcome}}</td><td>value bytes written</td></tr>
 *   <tr><td>{@code latentwire_compression_ratio}</td><td>source bytes / latent bytes of the
 *       records processed ok: bytes in / bytes out on the encoder, bytes out / bytes in on the
 *       decoder, so both sides report the same figure</td></tr>
 *   <tr><td>{@code latentwire_batch_size}</td><td>records per inference call</td></tr>
 *   <tr><td>{@code latentwire_inference_latency_seconds}</td><td>time of one codec call (with
 *       a percentile histogram)</td></tr>
 *   <tr><td>{@code latentwire_reconstruction_max_abs_error}</td><td>per sampled record, raw
 *       units (encoder only)</td></tr>
 *   <tr><td>{@code latentwire_reconstruction_relative_squared_error}</td><td>per sampled record,
 *       mean over features of (error / feature range)^2</td></tr>
 *   <tr><td>{@code latentwire_reconstruction_psnr_db}</td><td>PSNR over all samples so
 *       far</td></tr>
 * </table>
 *
 * <p>Thread-safe: meters are, and one instance serves every task of the app. Owns no resources; the
 * {@link MeterRegistry} belongs to the caller.
 */
public final class PipelineMetrics {
  public static final String PREFIX = "latentwire.";
  public static final String OUTCOME_OK = "ok";
  public static final String OUTCOME_DEAD_LETTER = "dead-letter";

  private static final Logger LOG = LoggerFactory.getLogger(PipelineMetrics.class);

  private final Side side;
  private final Counter recordsIn;
  private final Counter recordsOk;
  private final Counter recordsDeadLettered;
  private final Counter bytesInOk;
  private final Counter bytesInDeadLettered;
  private final Counter bytesOutOk;
  private final Counter bytesOutDeadLettered;
  private final DistributionSummary batchSize;
  private final Timer inference;
  private final DistributionSummary reconstructionMaxAbs;
  private final DistributionSummary reconstructionSquaredRelative;
  private final ReconstructionSampler sampler;

  /**
   * Registers the meters.
   *
   * @param registry where the meters live; not owned
   * @param topic the base topic of the app
   * @param model the model id (short hex) the app runs
   * @param sampler samples reconstruction error on the encoder; null for none
   */
  public PipelineMetrics(
      MeterRegistry registry,
      Side side,
      String topic,
      String model,
      ReconstructionSampler sampler) {
    this.side = Objects.requireNonNull(side, "side");
    this.sampler = sampler;
    Tags tags =
        Tags.of(
            "side",
            side.label(),
            "topic",
            Objects.requireNonNull(topic, "topic"),
            "model",
            Objects.requireNonNull(model, "model"));
    Tags ok = tags.and("outcome", OUTCOME_OK);
    Tags dead = tags.and("outcome", OUTCOME_DEAD_LETTER);
    recordsIn = counter(registry, "records.in", "Records read.", tags);
    recordsOk = counter(registry, "records.out", "Records written.", ok);
    recordsDeadLettered = counter(registry, "records.out", "Records written.", dead);
    String in = "Value bytes read (source values on encode, latent values on decode).";
    bytesInOk = counter(registry, "bytes.in", in, ok);
    bytesInDeadLettered = counter(registry, "bytes.in", in, dead);
    String out = "Value bytes written (latent values on encode, rebuilt values on decode).";
    bytesOutOk = counter(registry, "bytes.out", out, ok);
    bytesOutDeadLettered = counter(registry, "bytes.out", out, dead);
    Gauge.builder(PREFIX + "compression.ratio", this, PipelineMetrics::compressionRatio)
        .description("Source value bytes / latent value bytes of the records processed ok.")
        .tags(tags)
        .strongReference(true)
        .register(registry);
    batchSize =
        DistributionSummary.builder(PREFIX + "batch.size")
            .description("Records per inference call.")
            .tags(tags)
            .publishPercentileHistogram()
            .minimumExpectedValue(1.0)
            .maximumExpectedValue(4096.0)
            .register(registry);
    inference =
        Timer.builder(PREFIX + "inference.latency")
            .description("Time of one codec call: mapping, ONNX Runtime, quantization, payload.")
            .tags(tags)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    reconstructionMaxAbs =
        DistributionSummary.builder(PREFIX + "reconstruction.max.abs.error")
            .description("Largest absolute error of a sampled record, raw units.")
            .tags(tags)
            .register(registry);
    reconstructionSquaredRelative =
        DistributionSummary.builder(PREFIX + "reconstruction.relative.squared.error")
            .description("Mean over features of (error / feature range)^2 of a sampled record.")
            .tags(tags)
            .register(registry);
    Gauge.builder(PREFIX + "reconstruction.psnr.db", this, PipelineMetrics::reconstructionPsnrDb)
        .description("PSNR in dB over every sampled record so far, relative to feature ranges.")
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  /** Meters that go nowhere: for topologies built without an app (tests, tools). */
  public static PipelineMetrics noop(Side side) {
    return new PipelineMetrics(new CompositeMeterRegistry(), side, "", "", null);
  }

  /** Hook: a record was processed and written to the output topic. */
  public void recordOk(int inBytes, int outBytes) {
    recordsIn.increment();
    recordsOk.increment();
    bytesInOk.increment(inBytes);
    bytesOutOk.increment(outBytes);
  }

  /** Hook: a tombstone passed through. */
  public void recordTombstone() {
    recordOk(0, 0);
  }

  /** Hook: a record went to the dead-letter topic, unchanged. */
  public void recordDeadLetter(int inBytes) {
    recordsIn.increment();
    recordsDeadLettered.increment();
    bytesInDeadLettered.increment(inBytes);
    bytesOutDeadLettered.increment(inBytes);
  }

  /** Hook: one inference call ran on {@code size} records. */
  public void recordBatch(int size) {
    batchSize.record(size);
  }

  /** Hook: runs one codec call and records its latency (also when it throws). */
  public <T> T timeInference(Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return call.get();
    } finally {
      recordInference(System.nanoTime() - start);
    }
  }

  /** Hook, for callers that time inference themselves. */
  public void recordInference(long nanos) {
    inference.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Hook (encoder): offers a fresh code to the reconstruction sampler. Never throws: a failed
   * sample is logged, it does not dead-letter a record that was encoded fine.
   */
  public void sampleReconstruction(GenericRecord source, LatentRecord latent) {
    if (sampler == null || !sampler.enabled()) {
      return;
    }
    try {
      sampler.offer(source, latent).ifPresent(this::recordReconstruction);
    } catch (RuntimeException e) {
      LOG.warn("{}: reconstruction sample failed: {}", side.label(), e.toString());
    }
  }

  /** Records the error of one sampled reconstruction. */
  public void recordReconstruction(ReconstructionSampler.Sample s) {
    reconstructionMaxAbs.record(s.maxAbsError());
    reconstructionSquaredRelative.record(s.meanSquaredRelativeError());
  }

  /** Source bytes / latent bytes of the records processed ok; NaN before the first. */
  public double compressionRatio() {
    double source = side == Side.ENCODE ? bytesInOk.count() : bytesOutOk.count();
    double latent = side == Side.ENCODE ? bytesOutOk.count() : bytesInOk.count();
    return latent == 0 ? Double.NaN : source / latent;
  }

  /** PSNR in dB over all samples; NaN with none, infinite for perfect reconstructions. */
  public double reconstructionPsnrDb() {
    long n = reconstructionSquaredRelative.count();
    if (n == 0) {
      return Double.NaN;
    }
    double mse = reconstructionSquaredRelative.totalAmount() / n;
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
  }

  private static Counter counter(MeterRegistry r, String name, String doc, Tags tags) {
    return Counter.builder(PREFIX + name).description(doc).tags(tags).register(r);
  }
}
