package io.latentwire.codec.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.entropy.ContextResidualModel;
import io.latentwire.codec.entropy.ResidualStatistics;
import io.latentwire.codec.errors.CorruptPayloadException;
import io.latentwire.codec.errors.UnsupportedPayloadVersionException;
import io.latentwire.codec.quant.OperatingPoint;
import io.latentwire.codec.quant.ResidualCode;
import io.latentwire.codec.quant.UniformQuantizer;
import io.latentwire.codec.testing.TestBundles;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PayloadFormatTest {
  static final int LATENT = 32;
  static final int FEATURES = 48;
  static final List<OperatingPoint> LADDER = TestBundles.ladder(LATENT, 1.0, 0.25f, 0.5f, 1f);
  static final ResidualStatistics STATISTICS = TestBundles.syntheticStatistics(FEATURES, 8, 5);
  private final PayloadFormat format = new PayloadFormat(LADDER, LATENT, FEATURES);
  private final PayloadFormat fitted = new PayloadFormat(LADDER, LATENT, FEATURES, STATISTICS);

  @Test
  void shouldRoundTripLatentSymbolsAtEveryOperatingPointIncludingTheExtremes() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int op = 0; op < LADDER.size(); op++) {
      int[] symbols = gaussianSymbols(rnd, LADDER.get(op).step());
      symbols[0] = UniformQuantizer.MAX_SYMBOL;
      symbols[1] = -UniformQuantizer.MAX_SYMBOL;
      byte[] p = format.write(op, symbols, null);
      DecodedPayload d = format.read(p);
      assertThat(d.operatingPoint()).isEqualTo(op);
      assertThat(d.latentSymbols()).containsExactly(symbols);
      assertThat(d.residual()).isNull();
    }
  }

  @Test
  void shouldCarryVersionOperatingPointAndResidualFlagInTwoHeaderBytes() {
    byte[] p = format.write(2, new int[LATENT], null);
    // Without a residual, versions 2 and 3 are the same bytes: marked 2 so older decoders read it.
    assertThat(p[0]).isEqualTo((byte) PayloadFormat.VERSION_2);
    assertThat(PayloadFormat.header(p)).isEqualTo(new PayloadHeader(2, 2, false));
    byte[] withResidual = fitted.write(1, new int[LATENT], residual(new SplittableRandom(2), true));
    assertThat(PayloadFormat.header(withResidual)).isEqualTo(new PayloadHeader(3, 1, true));
    // A model without residual statistics keeps writing version 2, which older decoders read.
    byte[] unfitted = format.write(1, new int[LATENT], residual(new SplittableRandom(2), true));
    assertThat(PayloadFormat.header(unfitted)).isEqualTo(new PayloadHeader(2, 1, true));
  }

  @Test
  void shouldRoundTripResidualsCodedWithFittedStatisticsAndChooseTheirPriorTable() {
    SplittableRandom rnd = new SplittableRandom(31);
    for (int round = 0; round < 500; round++) {
      ResidualCode r = residual(rnd, rnd.nextBoolean());
      int[] symbols = gaussianSymbols(rnd, 0.5f);
      byte[] p = fitted.write(1, symbols, r);
      assertThat(p[0]).isEqualTo((byte) 3);
      DecodedPayload d = fitted.read(p);
      assertThat(d.latentSymbols()).containsExactly(symbols);
      assertThat(d.residual()).isEqualTo(r);
    }
  }

  @Test
  void shouldStillReadVersionTwoResidualsWithOrWithoutStatistics() {
    SplittableRandom rnd = new SplittableRandom(32);
    for (int round = 0; round < 200; round++) {
      ResidualCode r = residual(rnd, rnd.nextBoolean());
      int[] symbols = gaussianSymbols(rnd, 0.5f);
      byte[] v2 = format.write(1, symbols, r, PayloadFormat.VERSION_2);
      assertThat(v2[0]).isEqualTo((byte) 2);
      assertThat(fitted.read(v2).residual()).isEqualTo(r);
      assertThat(format.read(v2).residual()).isEqualTo(r);
    }
  }

  @Test
  void shouldRoundTripTheLargestResidualMagnitudes() {
    float[] bounds = new float[FEATURES];
    Arrays.fill(bounds, 0.5f);
    ResidualCode r = new ResidualCode(bounds);
    int[] values = {
      ContextResidualModel.MAX_MAGNITUDE,
      -ContextResidualModel.MAX_MAGNITUDE,
      9,
      10,
      11,
      -12,
      1 << 20
    };
    for (int i = 0; i < values.length; i++) {
      r.setQuantized(i * 3, values[i]);
    }
    for (PayloadFormat f : List.of(format, fitted)) {
      assertThat(f.read(f.write(0, new int[LATENT], r)).residual()).isEqualTo(r);
    }
  }

  @Test
  void shouldRefuseStatisticsForAnotherFeatureCount() {
    assertThatThrownBy(
            () ->
                new PayloadFormat(
                    LADDER, LATENT, FEATURES + 1, TestBundles.syntheticStatistics(FEATURES, 0, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cover 48 features; the model has 49");
  }

  @Test
  void shouldSpendAboutNothingOnUnusedDimensions() {
    // Tables fitted on dimensions that were always 0 (a collapsed VAE latent): 32 of them fit in
    // the header and the one byte that ends the range code.
    int[][] zeros = new int[1000][LATENT];
    PayloadFormat unused =
        new PayloadFormat(List.of(OperatingPoint.fit("q", 0.5f, zeros, LATENT)), LATENT, FEATURES);
    assertThat(unused.write(0, new int[LATENT], null)).hasSize(3);
  }

  @Test
  void shouldRoundTripResidualsWithUniformAndPerFeatureBoundsAndExactValues() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int round = 0; round < 500; round++) {
      ResidualCode r = residual(rnd, rnd.nextBoolean());
      int[] symbols = gaussianSymbols(rnd, 0.5f);
      DecodedPayload d = format.read(format.write(1, symbols, r));
      assertThat(d.latentSymbols()).containsExactly(symbols);
      assertThat(d.residual()).isEqualTo(r);
    }
  }

  @Test
  void shouldRejectAnEmptyPayload() {
    assertThatThrownBy(() -> format.read(new byte[0]))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void shouldRejectAVersionOnePayloadNamingTheSupportedVersion() {
    assertThatThrownBy(() -> format.read(new byte[] {1, 0, 0}))
        .isInstanceOf(UnsupportedPayloadVersionException.class)
        .hasMessageContaining("version 1 is not supported")
        .hasMessageContaining("versions 2 and 3");
  }

  @Test
  void shouldRejectAnOperatingPointTheModelLacks() {
    byte[] p = format.write(0, new int[LATENT], null);
    p[1] = 3;
    assertThatThrownBy(() -> format.read(p))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("operating point 3")
        .hasMessageContaining("has 3 (0..2)");
  }

  @Test
  void shouldRejectTheReservedHeaderBit() {
    byte[] p = format.write(0, new int[LATENT], null);
    p[1] |= 0x40;
    assertThatThrownBy(() -> format.read(p))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("reserved bit");
  }

  @Test
  void shouldRejectBytesAfterTheCode() {
    byte[] p = format.write(0, gaussianSymbols(new SplittableRandom(4), 0.25f), null);
    byte[] longer = Arrays.copyOf(p, p.length + 12);
    longer[longer.length - 1] = 7;
    assertThatThrownBy(() -> format.read(longer))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void shouldRejectOrCanonicallyDecodeEveryTruncation() {
    SplittableRandom rnd = new SplittableRandom(5);
    int rejected = 0;
    int total = 0;
    for (int round = 0; round < 200; round++) {
      PayloadFormat f = round % 2 == 0 ? format : fitted;
      byte[] p = f.write(1, gaussianSymbols(rnd, 0.5f), residual(rnd, rnd.nextBoolean()));
      for (int len = 0; len < p.length; len++) {
        byte[] cut = Arrays.copyOf(p, len);
        total++;
        try {
          DecodedPayload d = f.read(cut);
          // Range-coded streams carry no redundancy: a cut stream may be another code's stream,
          // but then exactly that stream (transport corruption is Kafka's CRC's job).
          assertThat(f.write(d.operatingPoint(), d.latentSymbols(), d.residual())).isEqualTo(cut);
        } catch (CorruptPayloadException expected) {
          rejected++;
        }
      }
    }
    assertThat((double) rejected / total).isGreaterThan(0.95);
  }

  @Test
  void shouldRefuseLaddersThatDoNotFitTheModel() {
    assertThatThrownBy(() -> new PayloadFormat(LADDER, LATENT + 1, FEATURES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 32 tables; the latent has 33");
    assertThatThrownBy(() -> new PayloadFormat(List.of(), LATENT, FEATURES))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static int[] gaussianSymbols(SplittableRandom rnd, float step) {
    int[] s = new int[LATENT];
    for (int d = 0; d < LATENT; d++) {
      // Half the dimensions unused (near 0), half spread like the prior.
      double z = d % 2 == 0 ? 0.05 * rnd.nextGaussian() : rnd.nextGaussian();
      s[d] = (int) Math.round(z / step);
    }
    return s;
  }

  /** A residual like an encoder makes: mostly small, some exact values, some unbounded features. */
  static ResidualCode residual(SplittableRandom rnd, boolean uniform) {
    float[] bounds = new float[FEATURES];
    if (uniform) {
      Arrays.fill(bounds, ResidualCode.roundDownBound((float) rnd.nextDouble(0.001, 2)));
    } else {
      for (int i = 0; i < FEATURES; i++) {
        bounds[i] =
            i < 8
                ? Float.POSITIVE_INFINITY
                : ResidualCode.roundDownBound(i < 30 ? 0.05f : (float) rnd.nextDouble(0.01, 1));
      }
    }
    ResidualCode r = new ResidualCode(bounds);
    for (int i = 0; i < FEATURES; i++) {
      if (!r.isBounded(i)) {
        continue;
      }
      int kind = rnd.nextInt(20);
      if (kind == 0) {
        r.setExact(i, (float) rnd.nextGaussian() * 1e6f);
      } else if (kind < 10) {
        r.setQuantized(i, 0);
      } else {
        r.setQuantized(i, (int) Math.round(rnd.nextGaussian() * 3));
      }
    }
    return r;
  }
}
