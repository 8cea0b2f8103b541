package io.latentwire.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.schemas.LatentRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class ReconstructionSamplerTest {
  static final Schema XY =
      SchemaBuilder.record("XY").fields().requiredFloat("x").requiredFloat("y").endRecord();

  @Test
  void shouldSampleEveryNthRecordAndMeasureItsErrorAgainstTheFeatureRange() {
    try (LatentCodec codec =
        LatentCodec.open(
            TestBundles.identityOnScalars(List.of("x", "y"), 1, 0.01f), InferenceOptions.cpu())) {
      RecordCodec rc = new RecordCodec(codec);
      ReconstructionSampler sampler = new ReconstructionSampler(rc, 3);
      List<Optional<ReconstructionSampler.Sample>> samples = new ArrayList<>();
      for (int i = 1; i <= 7; i++) {
        GenericData.Record r = new GenericData.Record(XY);
        r.put("x", 1f);
        r.put("y", (float) i); // y is not in the code: its error is y itself
        LatentRecord latent = rc.encode(r, 1);
        samples.add(sampler.offer(r, latent));
      }
      assertThat(samples)
          .extracting(Optional::isPresent)
          .containsExactly(false, false, true, false, false, true, false);
      ReconstructionSampler.Sample third = samples.get(2).orElseThrow();
      assertThat(third.maxAbsError()).isCloseTo(3, within(0.006));
      // ((~0/10)^2 + (3/10)^2) / 2 features
      assertThat(third.meanSquaredRelativeError()).isCloseTo(0.045, within(1e-4));
      assertThat(samples.get(5).orElseThrow().maxAbsError()).isCloseTo(6, within(0.006));
    }
  }

  @Test
  void shouldComputeErrorsLikeTheFidelityMeter() {
    Normalization n =
        new Normalization(new float[] {0, 0}, new float[] {1, 1}, new float[] {2, 100});
    ReconstructionSampler.Sample s =
        ReconstructionSampler.compare(n, new float[] {1, 50}, new float[] {0, 40});
    assertThat(s.maxAbsError()).isEqualTo(10);
    assertThat(s.meanSquaredRelativeError()).isCloseTo((0.25 + 0.01) / 2, within(1e-12));
  }

  @Test
  void shouldRejectANegativeSamplingInterval() {
    assertThatThrownBy(() -> new ReconstructionSampler(null, -1))
        .hasMessageContaining("every must be >= 0");
  }
}
