package io.latentwire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.errors.CorruptPayloadException;
import io.latentwire.codec.errors.InferenceException;
import io.latentwire.codec.errors.ModelMismatchException;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.ExecutionProvider;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.schemas.LatentRecord;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class LatentCodecTest {
  private final ModelBundle bundle = TestBundles.identityOnScalars(List.of("a", "b", "c"), 2, 0.1f);

  @Test
  void shouldReconstructEncodedFeaturesWithinHalfAQuantizationStep() {
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      float[] rows = {1.234f, -0.77f, 5f, 0.04f, 2.96f, -1f};
      byte[][] payloads = codec.encode(rows, 2);
      float[] back = codec.decode(payloads);
      // features a, b pass the identity latent; c is dropped by the 2-d bottleneck
      assertThat(back[0]).isCloseTo(1.234f, org.assertj.core.data.Offset.offset(0.0501f));
      assertThat(back[1]).isCloseTo(-0.77f, org.assertj.core.data.Offset.offset(0.0501f));
      assertThat(back[2]).isEqualTo(0f);
      assertThat(back[3]).isCloseTo(0.04f, org.assertj.core.data.Offset.offset(0.0501f));
      // Two header bytes, then two symbols of about 5 bits each under the test tables.
      assertThat(payloads[0]).hasSizeLessThanOrEqualTo(2 + 2);
    }
  }

  @Test
  void shouldGiveTheSameResultForBatchesAndSingleRecords() {
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      float[] rows = {1f, 2f, 3f, 4f, 5f, 6f};
      byte[][] batch = codec.encode(rows, 2);
      assertThat(codec.encode(new float[] {4f, 5f, 6f})).isEqualTo(batch[1]);
      assertThat(codec.decode(batch[1]))
          .containsExactly(java.util.Arrays.copyOfRange(codec.decode(batch), 3, 6));
    }
  }

  @Test
  void shouldFailOnUseAfterClose() {
    LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu());
    codec.close();
    assertThatThrownBy(() -> codec.encode(new float[3]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void shouldFailClearlyWhenCudaIsAskedForWithoutAGpu() {
    InferenceOptions cuda = new InferenceOptions(ExecutionProvider.CUDA, 0, 1, false, false);
    assertThatThrownBy(() -> LatentCodec.open(bundle, cuda))
        .isInstanceOf(InferenceException.class)
        .hasMessageContaining("CUDA execution provider is not available")
        .hasMessageContaining("onnx.execution.provider=cpu");
  }

  @Test
  void shouldFallBackToCpuWhenConfiguredTo() {
    InferenceOptions cuda = new InferenceOptions(ExecutionProvider.CUDA, 0, 1, false, true);
    try (LatentCodec codec = LatentCodec.open(bundle, cuda)) {
      assertThat(codec.decode(codec.encode(new float[] {1f, 1f, 1f}))).hasSize(3);
    }
  }

  @Test
  void shouldRoundTripRecordsAndRefuseCodesOfAnotherModel() {
    Schema s =
        SchemaBuilder.record("Reading")
            .fields()
            .requiredString("device")
            .requiredFloat("a")
            .requiredFloat("b")
            .requiredFloat("c")
            .endRecord();
    GenericData.Record r = new GenericData.Record(s);
    r.put("device", "pump-7");
    r.put("a", 1.5f);
    r.put("b", -2f);
    r.put("c", 0f);
    ModelBundle other = TestBundles.identityOnScalars(List.of("a", "b", "c"), 2, 0.05f);
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu());
        LatentCodec otherCodec = LatentCodec.open(other, InferenceOptions.cpu())) {
      RecordCodec rc = new RecordCodec(codec);
      LatentRecord lr = rc.encode(r, 17);
      assertThat(lr.getSourceSchemaId()).isEqualTo(17);
      GenericRecord back = rc.decode(lr, s);
      assertThat(back.get("device").toString()).isEqualTo("pump-7");
      assertThat((float) back.get("a")).isEqualTo(1.5f);
      assertThatThrownBy(() -> new RecordCodec(otherCodec).decode(lr, s))
          .isInstanceOf(ModelMismatchException.class)
          .hasMessageContaining(bundle.id().shortHex())
          .hasMessageContaining(other.id().shortHex());
    }
  }

  @Test
  void shouldRaiseATypedErrorOnACorruptPayload() {
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      assertThatThrownBy(() -> codec.decode(new byte[] {1, 0}))
          .isInstanceOf(CorruptPayloadException.class);
    }
  }
}
