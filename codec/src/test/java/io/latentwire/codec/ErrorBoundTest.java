package io.latentwire.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.errors.CorruptPayloadException;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.payload.PayloadFormat;
import io.latentwire.codec.quant.ResidualQuantizer;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.schemas.LatentRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The max-abs-error guarantee end to end, through ONNX Runtime: outliers included, and with the
 * decoder on another thread count and batch size than the encoder.
 */
class ErrorBoundTest {
  private static final int FEATURES = 256;
  private static final int LATENT = 32;
  private static final int ROWS = 20_000;

  /**
   * A decoder summing 32 products per output, whose sums ORT may order differently; with residual
   * statistics fitted on other rows of the same kind, as a trained bundle has.
   */
  private final ModelBundle bundle =
      LatentCodec.withResidualStatistics(
          TestBundles.randomLinear(FEATURES, LATENT, 7, 0.1f, 0.5f),
          data(new SplittableRandom(70), 500, true),
          500,
          InferenceOptions.cpu());

  /**
   * ORT's CPU kernels sum in the same order whatever the thread count or batch size (measured: 0
   * difference here, also with 300 and 1000 latent dimensions); the margin is for other machines
   * (AVX2 vs AVX-512 vs NEON kernels block sums differently). {@code ResidualQuantizerTest} proves
   * the bound for any drift up to the margin, both ends included.
   */
  @Test
  void shouldDriftFarLessThanTheMarginAcrossThreadCountsAndBatchSizes() {
    float[] rows = data(new SplittableRandom(1), 2048, false);
    try (LatentCodec one = LatentCodec.open(bundle, InferenceOptions.cpu());
        LatentCodec two = LatentCodec.open(bundle, InferenceOptions.cpu().withThreads(2))) {
      byte[][] payloads = one.encode(rows, 2048);
      float[] batched = decodeInBatches(one, payloads, 64);
      float[][] others = {decodeInBatches(two, payloads, 1), decodeInBatches(two, payloads, 64)};
      ResidualQuantizer rq = one.residualQuantizer();
      double worst = 0;
      for (float[] other : others) {
        for (int k = 0; k < batched.length; k++) {
          worst = Math.max(worst, Math.abs(batched[k] - other[k]) / rq.margin(k % FEATURES));
        }
      }
      System.out.printf(
          "decoder drift, 1 thread batch 64 vs 2 threads batch 1 and 64: %.3g of the margin"
              + " (margin %.3g in raw units)%n",
          worst, rq.margin(0));
      assertThat(worst).isLessThan(0.1);
    }
  }

  @Test
  void shouldHoldTheBoundOnEveryValueIncludingOutliersWhenDecodingElsewhere() {
    SplittableRandom rnd = new SplittableRandom(2);
    float[] rows = data(rnd, ROWS, true);
    float[] bounds = new float[FEATURES];
    for (int i = 0; i < FEATURES; i++) {
      bounds[i] = i % 17 == 0 ? Float.POSITIVE_INFINITY : (float) rnd.nextDouble(0.002, 0.2);
    }
    EncodeSettings settings = EncodeSettings.defaults().withMaxAbsError(bounds);
    try (LatentCodec one = LatentCodec.open(bundle, InferenceOptions.cpu());
        LatentCodec two = LatentCodec.open(bundle, InferenceOptions.cpu().withThreads(2))) {
      // Encode with 1 thread in batches of 64, decode with 2 threads one by one ...
      byte[][] a = encodeInBatches(one, rows, 64, settings);
      assertThat(violations(rows, decodeInBatches(two, a, 1), bounds)).isZero();
      // ... and the other way round.
      byte[][] b = encodeInBatches(two, rows, 1, settings);
      assertThat(violations(rows, decodeInBatches(one, b, 64), bounds)).isZero();
    }
  }

  @Test
  void shouldHoldOneBoundForAllFeaturesAndRecordTheOperatingPoint() {
    SplittableRandom rnd = new SplittableRandom(3);
    float[] rows = data(rnd, 500, true);
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      EncodeSettings settings =
          EncodeSettings.defaults().withOperatingPoint(1).withMaxAbsError(0.05f);
      byte[][] payloads = codec.encode(rows, 500, settings);
      for (byte[] p : payloads) {
        assertThat(PayloadFormat.header(p).operatingPoint()).isEqualTo(1);
        assertThat(PayloadFormat.header(p).hasResidual()).isTrue();
      }
      float[] all = new float[FEATURES];
      Arrays.fill(all, 0.05f);
      assertThat(violations(rows, codec.decode(payloads), all)).isZero();
    }
  }

  @Test
  void shouldKeepIntegerFeaturesWithinTheFloorOfTheBoundAndExactBelowOne() {
    ModelBundle ints =
        TestBundles.identity(
            List.of(
                new MappedField("count", FieldType.INT, 1),
                new MappedField("total", FieldType.LONG, 1),
                new MappedField("pixels", FieldType.BYTES, 16),
                new MappedField("level", FieldType.FLOAT, 1)),
            4,
            0.5f);
    int width = 19;
    SplittableRandom rnd = new SplittableRandom(4);
    int n = 2000;
    float[] rows = new float[n * width];
    for (int r = 0; r < n; r++) {
      rows[r * width] = rnd.nextInt(-20, 20);
      rows[r * width + 1] = rnd.nextInt(-5, 5) * (rnd.nextInt(50) == 0 ? 1000 : 1);
      for (int i = 2; i < 18; i++) {
        rows[r * width + i] = rnd.nextInt(256);
      }
      rows[r * width + 18] = (float) rnd.nextGaussian();
    }
    try (LatentCodec codec = LatentCodec.open(ints, InferenceOptions.cpu())) {
      for (float e : new float[] {0.4f, 0.999f, 1f, 2.5f, 7f}) {
        float[] y =
            codec.decode(codec.encode(rows, n, EncodeSettings.defaults().withMaxAbsError(e)));
        float[] bounds = new float[width];
        Arrays.fill(bounds, e);
        assertThat(violations(rows, y, bounds)).as("bound %s", e).isZero();
        for (int r = 0; r < n; r++) {
          for (int i = 0; i < 18; i++) {
            float v = y[r * width + i];
            assertThat(v).isEqualTo((float) Math.rint(v)); // integer features come out integral
            if (e < 1) {
              assertThat(v).isEqualTo(rows[r * width + i]);
            }
          }
        }
      }
    }
  }

  @Test
  void shouldHoldPerFieldBoundsThroughTheRecordCodec() {
    Schema s =
        SchemaBuilder.record("Reading")
            .fields()
            .requiredString("device")
            .requiredFloat("a")
            .requiredFloat("b")
            .requiredInt("c")
            .endRecord();
    ModelBundle abc =
        TestBundles.identity(
            List.of(
                new MappedField("a", FieldType.FLOAT, 1),
                new MappedField("b", FieldType.FLOAT, 1),
                new MappedField("c", FieldType.INT, 1)),
            1,
            0.5f);
    try (LatentCodec codec = LatentCodec.open(abc, InferenceOptions.cpu())) {
      RecordCodec rc = new RecordCodec(codec);
      float[] bounds = EncodeSettings.boundsPerField(rc.mapping(), Map.of("a", 0.01, "c", 0), 0.2f);
      assertThat(bounds).containsExactly(0.01f, 0.2f, 0f);
      GenericData.Record r = new GenericData.Record(s);
      r.put("device", "pump-7");
      r.put("a", 3.14159f);
      r.put("b", -27.5f);
      r.put("c", 123456);
      LatentRecord lr = rc.encode(r, 5, EncodeSettings.defaults().withMaxAbsError(bounds));
      GenericRecord back = rc.decode(lr, s);
      assertThat((float) back.get("a"))
          .isCloseTo(3.14159f, org.assertj.core.data.Offset.offset(0.01f));
      assertThat((float) back.get("b"))
          .isCloseTo(-27.5f, org.assertj.core.data.Offset.offset(0.2f));
      assertThat(back.get("c")).isEqualTo(123456);
      assertThat(back.get("device").toString()).isEqualTo("pump-7");
      LatentRecord plain = rc.encode(r, 5);
      assertThat(plain.getPayload().remaining()).isLessThan(lr.getPayload().remaining());
    }
  }

  @Test
  void shouldOnlyThrowCorruptPayloadWhenDecodingMutatedPayloadsThroughTheModel() {
    SplittableRandom rnd = new SplittableRandom(5);
    float[] rows = data(rnd, 64, true);
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      byte[][] valid = codec.encode(rows, 64, EncodeSettings.defaults().withMaxAbsError(0.05f));
      byte[][] plain = codec.encode(rows, 64);
      int decoded = 0;
      for (int n = 0; n < 20_000; n++) {
        byte[] p = (n % 2 == 0 ? valid : plain)[rnd.nextInt(64)].clone();
        switch (rnd.nextInt(3)) {
          case 0 -> p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
          case 1 -> p = Arrays.copyOf(p, rnd.nextInt(p.length));
          default -> p = Arrays.copyOf(p, p.length + 1 + rnd.nextInt(4));
        }
        try {
          assertThat(codec.decode(p)).hasSize(FEATURES);
          decoded++;
        } catch (CorruptPayloadException expected) {
          // the only failure allowed
        }
      }
      assertThat(decoded).isBetween(1, 19_999);
    }
  }

  /** Rows of values in [0, 1] (the model's range); with outliers, 1 in 200 is far outside. */
  private static float[] data(SplittableRandom rnd, int n, boolean outliers) {
    float[] rows = new float[n * FEATURES];
    for (int r = 0; r < n; r++) {
      double phase = rnd.nextDouble(0, 6.3);
      for (int i = 0; i < FEATURES; i++) {
        float v = (float) (0.5 + 0.4 * Math.sin(phase + i * 0.05) + 0.02 * rnd.nextGaussian());
        if (outliers && rnd.nextInt(200) == 0) {
          v =
              switch (rnd.nextInt(4)) {
                case 0 -> v * 100;
                case 1 -> -100 + v;
                case 2 -> Float.NaN;
                default -> 1e30f;
              };
        }
        rows[r * FEATURES + i] = v;
      }
    }
    return rows;
  }

  private static byte[][] encodeInBatches(
      LatentCodec codec, float[] rows, int batch, EncodeSettings settings) {
    int width = codec.inputSize();
    int n = rows.length / width;
    byte[][] out = new byte[n][];
    for (int start = 0; start < n; start += batch) {
      int b = Math.min(batch, n - start);
      byte[][] part =
          codec.encode(Arrays.copyOfRange(rows, start * width, (start + b) * width), b, settings);
      System.arraycopy(part, 0, out, start, b);
    }
    return out;
  }

  private static float[] decodeInBatches(LatentCodec codec, byte[][] payloads, int batch) {
    int width = codec.inputSize();
    float[] out = new float[payloads.length * width];
    for (int start = 0; start < payloads.length; start += batch) {
      int b = Math.min(batch, payloads.length - start);
      float[] part = codec.decode(Arrays.copyOfRange(payloads, start, start + b));
      System.arraycopy(part, 0, out, start * width, b * width);
    }
    return out;
  }

  /** Values outside their bound; a non-finite input must come back bit for bit. */
  private static long violations(float[] x, float[] y, float[] bounds) {
    long bad = 0;
    int width = bounds.length;
    for (int k = 0; k < x.length; k++) {
      float e = bounds[k % width];
      if (e == Float.POSITIVE_INFINITY) {
        continue;
      }
      boolean ok =
          Float.isFinite(x[k])
              ? Math.abs((double) x[k] - y[k]) <= e
              : Float.floatToRawIntBits(x[k]) == Float.floatToRawIntBits(y[k]);
      bad += ok ? 0 : 1;
    }
    return bad;
  }
}
