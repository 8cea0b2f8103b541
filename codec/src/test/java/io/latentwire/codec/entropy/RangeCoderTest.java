package io.latentwire.codec.entropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.errors.CorruptPayloadException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RangeCoderTest {
  private static final int MAX = FrequencyTable.MAX_SYMBOL_MAGNITUDE;

  @Test
  void shouldRoundTripSymbolsOfRandomTablesIncludingEscapes() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int round = 0; round < 300; round++) {
      CompiledTable[] tables = new CompiledTable[1 + rnd.nextInt(40)];
      for (int d = 0; d < tables.length; d++) {
        tables[d] = CompiledTable.of(randomTable(rnd));
      }
      int[] symbols = new int[tables.length];
      for (int d = 0; d < symbols.length; d++) {
        CompiledTable t = tables[d];
        symbols[d] =
            switch (rnd.nextInt(6)) {
              case 0 -> t.minSymbol() - 1 - rnd.nextInt(1000); // escape below
              case 1 -> t.minSymbol() + t.size() + rnd.nextInt(1000); // escape above
              case 2 -> rnd.nextBoolean() ? MAX : -MAX; // extreme escapes
              default -> t.minSymbol() + rnd.nextInt(t.size());
            };
      }
      byte[] bytes = encode(tables, symbols);
      assertThat(decode(tables, bytes)).as("round %d", round).containsExactly(symbols);
    }
  }

  @Test
  void shouldRoundTripExtremelySkewedTables() {
    // Every symbol but one has frequency 1: the likely one costs ~0 bits, the others 16.
    long[] counts = new long[4096];
    counts[2048] = Long.MAX_VALUE / 8;
    CompiledTable skewed = CompiledTable.of(FrequencyTable.fromCounts(counts, -2048, 0));
    SplittableRandom rnd = new SplittableRandom(2);
    CompiledTable[] tables = new CompiledTable[64];
    Arrays.fill(tables, skewed);
    for (int round = 0; round < 200; round++) {
      int[] symbols = new int[tables.length];
      for (int d = 0; d < symbols.length; d++) {
        symbols[d] = rnd.nextInt(8) == 0 ? rnd.nextInt(-2048, 2048) : 0;
      }
      assertThat(decode(tables, encode(tables, symbols))).containsExactly(symbols);
    }
  }

  @Test
  void shouldSpendWellUnderATwentiethOfABitOnADimensionAtZero() {
    long[] counts = {1, 10, 1_000_000, 10, 1};
    CompiledTable peaked = CompiledTable.of(FrequencyTable.fromCounts(counts, -2, 1));
    int dims = 10_000;
    CompiledTable[] tables = new CompiledTable[dims];
    Arrays.fill(tables, peaked);
    byte[] bytes = encode(tables, new int[dims]);
    double bitsPerDim = 8.0 * bytes.length / dims;
    assertThat(bitsPerDim).isLessThan(0.05);
    assertThat(decode(tables, bytes)).containsOnly(0);
  }

  @Test
  void shouldCodeCloseToTheIdealCost() {
    SplittableRandom rnd = new SplittableRandom(3);
    FrequencyTable t = randomTable(rnd);
    CompiledTable ct = CompiledTable.of(t);
    int n = 20_000;
    CompiledTable[] tables = new CompiledTable[n];
    Arrays.fill(tables, ct);
    int[] symbols = new int[n];
    double ideal = 0;
    int[] cum = new int[t.size() + 1];
    for (int i = 0; i < t.size(); i++) {
      cum[i + 1] = cum[i] + t.freqAt(i);
    }
    for (int k = 0; k < n; k++) {
      int slot = rnd.nextInt(cum[t.size()]);
      int i = 0;
      while (cum[i + 1] <= slot) {
        i++;
      }
      symbols[k] = t.minSymbol() + i;
      ideal += ct.bits(symbols[k]);
    }
    byte[] bytes = encode(tables, symbols);
    assertThat(8.0 * bytes.length).isBetween(ideal, ideal * 1.01 + 64);
  }

  @Test
  void shouldRoundTripAdaptiveBitsRawBitsAndExpGolombInOneStream() {
    SplittableRandom rnd = new SplittableRandom(4);
    for (int round = 0; round < 200; round++) {
      int n = rnd.nextInt(1, 300);
      int[] kinds = new int[n];
      int[] values = new int[n];
      RangeEncoder enc = new RangeEncoder();
      int[] probs = new int[4];
      Arrays.fill(probs, RangeEncoder.initialProbability());
      for (int k = 0; k < n; k++) {
        kinds[k] = rnd.nextInt(3);
        values[k] =
            switch (kinds[k]) {
              case 0 -> rnd.nextInt(10) == 0 ? 1 : 0;
              case 1 -> rnd.nextInt(1 << 16);
              default -> rnd.nextInt(10) == 0 ? rnd.nextInt((1 << 29)) : rnd.nextInt(20);
            };
        switch (kinds[k]) {
          case 0 -> enc.encodeBit(probs, k & 3, values[k]);
          case 1 -> enc.encodeDirectBits(values[k], 16);
          default -> enc.encodeExpGolomb(values[k]);
        }
      }
      enc.finish();
      byte[] bytes = new byte[enc.size()];
      enc.copyTo(bytes, 0);
      RangeDecoder dec = new RangeDecoder();
      dec.init(bytes, 0, bytes.length);
      Arrays.fill(probs, RangeEncoder.initialProbability());
      for (int k = 0; k < n; k++) {
        int v =
            switch (kinds[k]) {
              case 0 -> dec.decodeBit(probs, k & 3);
              case 1 -> dec.decodeDirectBits(16);
              default -> dec.decodeExpGolomb(30);
            };
        assertThat(v).as("round %d event %d", round, k).isEqualTo(values[k]);
      }
      dec.finish();
    }
  }

  @Test
  void shouldRoundTripSparseResidualsAndExactValues() {
    SplittableRandom rnd = new SplittableRandom(5);
    ResidualModel model = new ResidualModel();
    for (int round = 0; round < 300; round++) {
      int n = rnd.nextInt(1, 800);
      int[] values = new int[n];
      boolean[] exact = new boolean[n];
      RangeEncoder enc = new RangeEncoder();
      model.reset();
      for (int i = 0; i < n; i++) {
        int kind = rnd.nextInt(20);
        if (kind == 0) {
          exact[i] = true;
          values[i] = rnd.nextInt();
          model.encodeExact(enc, values[i]);
        } else {
          values[i] =
              kind < 12
                  ? 0
                  : kind < 19
                      ? rnd.nextInt(-40, 41)
                      : rnd.nextInt(-ResidualModel.MAX_MAGNITUDE, ResidualModel.MAX_MAGNITUDE + 1);
          model.encode(enc, values[i]);
        }
      }
      enc.finish();
      byte[] bytes = new byte[enc.size()];
      enc.copyTo(bytes, 0);
      RangeDecoder dec = new RangeDecoder();
      dec.init(bytes, 0, bytes.length);
      model.reset();
      for (int i = 0; i < n; i++) {
        assertThat(model.decode(dec)).as("round %d value %d", round, i).isEqualTo(values[i]);
        assertThat(model.lastWasExact()).isEqualTo(exact[i]);
      }
      dec.finish();
    }
  }

  @Test
  void shouldSpendAlmostNothingOnLongRunsOfZeroResiduals() {
    RangeEncoder enc = new RangeEncoder();
    ResidualModel model = new ResidualModel();
    for (int i = 0; i < 784; i++) {
      model.encode(enc, 0);
    }
    enc.finish();
    // Adaptive zero flags warm up fast and converge to about 0.001 bit: 784 zeros cost about 8
    // bits, plus the byte that ends the code.
    assertThat(enc.size()).isLessThanOrEqualTo(2);
  }

  @Test
  void shouldWriteOneByteForAnEmptyStream() {
    RangeEncoder enc = new RangeEncoder();
    enc.finish();
    assertThat(enc.size()).isEqualTo(1);
  }

  @Test
  void shouldRejectNearlyEveryTruncation() {
    SplittableRandom rnd = new SplittableRandom(6);
    CompiledTable[] tables = new CompiledTable[16];
    for (int d = 0; d < tables.length; d++) {
      tables[d] = CompiledTable.of(randomTable(rnd));
    }
    int total = 0;
    int rejected = 0;
    for (int round = 0; round < 2000; round++) {
      int[] symbols = new int[tables.length];
      for (int d = 0; d < symbols.length; d++) {
        symbols[d] = tables[d].minSymbol() + rnd.nextInt(tables[d].size());
      }
      byte[] bytes = encode(tables, symbols);
      for (int cut = 1; cut <= Math.min(3, bytes.length); cut++) {
        total++;
        try {
          decode(tables, Arrays.copyOf(bytes, bytes.length - cut));
        } catch (CorruptPayloadException expected) {
          rejected++;
        }
      }
    }
    assertThat((double) rejected / total).isGreaterThan(0.99);
  }

  @Test
  void shouldAcceptOnlyStreamsThatAreExactlyWhatTheEncoderWritesForThem() {
    SplittableRandom rnd = new SplittableRandom(7);
    CompiledTable t = CompiledTable.of(FrequencyTable.fromCounts(new long[] {5, 90, 5}, -1, 1));
    CompiledTable[] tables = {t, t, t, t};
    int accepted = 0;
    for (int round = 0; round < 20_000; round++) {
      int[] symbols = new int[tables.length];
      for (int d = 0; d < symbols.length; d++) {
        symbols[d] = rnd.nextInt(-3, 4);
      }
      byte[] bytes = encode(tables, symbols);
      // Extend, cut or overwrite the valid stream.
      byte[] mutated = Arrays.copyOf(bytes, Math.max(0, bytes.length + rnd.nextInt(-2, 4)));
      for (int i = bytes.length; i < mutated.length; i++) {
        mutated[i] = (byte) rnd.nextInt(256);
      }
      if (mutated.length > 0 && rnd.nextBoolean()) {
        mutated[rnd.nextInt(mutated.length)] = (byte) rnd.nextInt(256);
      }
      int[] decoded;
      try {
        decoded = decode(tables, mutated);
      } catch (CorruptPayloadException expected) {
        continue;
      }
      accepted++;
      assertThat(encode(tables, decoded)).as("round %d", round).isEqualTo(mutated);
    }
    assertThat(accepted).isBetween(1, 19_999);
  }

  @Test
  void shouldRejectAppendedZeroBytes() {
    CompiledTable t = CompiledTable.of(FrequencyTable.fromCounts(new long[] {5, 90, 5}, -1, 1));
    CompiledTable[] tables = {t, t, t};
    for (int[] symbols : new int[][] {{0, 0, 0}, {1, -1, 7}, {-1, -1, -1}}) {
      byte[] bytes = encode(tables, symbols);
      for (int extra = 1; extra <= 6; extra++) {
        byte[] longer = Arrays.copyOf(bytes, bytes.length + extra);
        assertThatThrownBy(() -> decode(tables, longer))
            .isInstanceOf(CorruptPayloadException.class);
      }
    }
  }

  @Test
  void shouldNameTrailingBytesBeyondTheStream() {
    CompiledTable t = CompiledTable.of(FrequencyTable.fromCounts(new long[] {5, 90, 5}, -1, 1));
    CompiledTable[] tables = {t, t};
    byte[] bytes = encode(tables, new int[] {1, 200});
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 16);
    longer[longer.length - 1] = 1;
    assertThatThrownBy(() -> decode(tables, longer))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void shouldRejectAnOverlongExpGolombPrefix() {
    RangeEncoder enc = new RangeEncoder();
    for (int i = 0; i < 40; i++) {
      enc.encodeDirectBits(1, 1);
    }
    enc.finish();
    byte[] bytes = new byte[enc.size()];
    enc.copyTo(bytes, 0);
    RangeDecoder dec = new RangeDecoder();
    dec.init(bytes, 0, bytes.length);
    assertThatThrownBy(() -> dec.decodeExpGolomb(30))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("longer than 30");
  }

  @Test
  void shouldRefuseTablesReachingBeyondTheSymbolLimit() {
    FrequencyTable t = FrequencyTable.fromCounts(new long[] {1, 1}, MAX, 1);
    assertThatThrownBy(() -> CompiledTable.of(t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside");
  }

  @Test
  void shouldFitTablesThatCoverTheObservedSymbolsAndTheirNeighbours() {
    int[] samples = {0, 0, 0, 1, -1, 0, 3, 0};
    FrequencyTable t = FrequencyTable.fromSamples(samples);
    assertThat(t.minSymbol()).isEqualTo(-3);
    assertThat(t.size()).isEqualTo(9);
    assertThat(t.bits(0)).isLessThan(t.bits(1));
    assertThat(FrequencyTable.fromSamples(new int[0]).bits(0)).isLessThan(0.001);
  }

  static FrequencyTable randomTable(SplittableRandom rnd) {
    int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 600);
    long[] counts = new long[n];
    int shape = rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      counts[i] =
          switch (shape) {
            case 0 -> rnd.nextInt(1000);
            case 1 -> (long) (1e9 * Math.exp(-Math.abs(i - n / 2) * 0.7));
            default -> rnd.nextInt(50) == 0 ? 1_000_000_000L : 0;
          };
    }
    return FrequencyTable.fromCounts(counts, rnd.nextInt(-5000, 5000), rnd.nextInt(100));
  }

  static byte[] encode(CompiledTable[] tables, int[] symbols) {
    RangeEncoder enc = new RangeEncoder();
    for (int d = 0; d < symbols.length; d++) {
      enc.encodeSymbol(tables[d], symbols[d]);
    }
    enc.finish();
    byte[] bytes = new byte[enc.size()];
    enc.copyTo(bytes, 0);
    return bytes;
  }

  static int[] decode(CompiledTable[] tables, byte[] bytes) {
    RangeDecoder dec = new RangeDecoder();
    dec.init(bytes, 0, bytes.length);
    int[] out = new int[tables.length];
    for (int d = 0; d < tables.length; d++) {
      out[d] = dec.decodeSymbol(tables[d]);
    }
    dec.finish();
    return out;
  }
}
