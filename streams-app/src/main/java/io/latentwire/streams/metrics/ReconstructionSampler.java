package io.latentwire.streams.metrics;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;

/**
 * Picks every N-th encoded record and decodes its code again, to measure in production how far the
 * reconstruction is from the source. Errors follow {@link
 * io.latentwire.codec.metrics.FidelityMeter}: raw units for the max abs error, relative to each
 * feature's range for the squared error.
 *
 * <p>Thread-safe (the counter is atomic; {@link RecordCodec} is thread-safe). Does not own the
 * codec.
 */
public final class ReconstructionSampler {
  /** The error of one sampled record. */
  public record Sample(double maxAbsError, double meanSquaredRelativeError) {}

  private final RecordCodec codec;
  private final long every;
  private final AtomicLong seen = new AtomicLong();

  /**
   * @param codec the codec that made the codes; not owned
   * @param every sample one record in {@code every}; 0 never samples
   */
  public ReconstructionSampler(RecordCodec codec, int every) {
    if (every < 0) {
      throw new IllegalArgumentException("every must be >= 0 (0 = never), got " + every);
    }
    this.codec = codec;
    this.every = every;
  }

  /** Whether this sampler ever samples. */
  public boolean enabled() {
    return every > 0;
  }

  /**
   * Counts one encoded record and, when it is the N-th, decodes {@code latent} and compares it with
   * the features of {@code source}.
   *
   * @param source the record that was encoded (non-null)
   * @param latent the code made from it (non-null)
   * @return the error when this record was sampled, else empty
   */
  public Optional<Sample> offer(GenericRecord source, LatentRecord latent) {
    if (every == 0 || seen.incrementAndGet() % every != 0) {
      return Optional.empty();
    }
    LatentCodec latentCodec = codec.latentCodec();
    float[] original = codec.features(source);
    float[] reconstructed = latentCodec.decode(bytes(latent.getPayload()));
    return Optional.of(compare(latentCodec.manifest().normalization(), original, reconstructed));
  }

  /** The error of one reconstructed row against its original, both in raw units. */
  static Sample compare(Normalization normalization, float[] original, float[] reconstructed) {
    double maxAbs = 0;
    double sumSquaredRelative = 0;
    for (int i = 0; i < original.length; i++) {
      double err = Math.abs((double) original[i] - reconstructed[i]);
      double rel = err / normalization.range(i);
      sumSquaredRelative += rel * rel;
      maxAbs = Math.max(maxAbs, err);
    }
    return new Sample(maxAbs, original.length == 0 ? 0 : sumSquaredRelative / original.length);
  }

  private static byte[] bytes(ByteBuffer bb) {
    ByteBuffer d = bb.duplicate();
    byte[] b = new byte[d.remaining()];
    d.get(b);
    return b;
  }
}
