package io.latentwire.trainer.rd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentwire.codec.entropy.FrequencyTable;
import io.latentwire.codec.quant.UniformQuantizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntropyTablesTest {

  @Test
  void shouldGiveAConstantZeroDimensionAOneSymbolTableThatCostsAlmostNothing() {
    int rows = 1000;
    int[] symbols = new int[rows * 2];
    for (int r = 0; r < rows; r++) {
      symbols[r * 2 + 1] = r % 4 - 2; // second dimension: -2..1 uniformly
    }

    List<FrequencyTable> tables = EntropyTables.count(symbols, 2);

    assertThat(tables.get(0).minSymbol()).isZero();
    assertThat(tables.get(0).size()).isEqualTo(1);
    assertThat(tables.get(0).bits(0)).isLessThan(0.001);
    assertThat(tables.get(1).minSymbol()).isEqualTo(-2);
    assertThat(tables.get(1).size()).isEqualTo(4);
    assertThat(tables.get(1).bits(1)).isCloseTo(2.0, within(0.01));
  }

  @Test
  void shouldLeaveRareOutliersOutsideTheWindowAsEscapes() {
    int rows = 100_000; // 0.005 % per tail = 5 symbols may be cut from each side
    int[] symbols = new int[rows];
    for (int r = 0; r < rows; r++) {
      symbols[r] = r % 3 - 1;
    }
    symbols[0] = 5000;
    symbols[1] = -70;
    symbols[2] = 40;

    FrequencyTable table = EntropyTables.count(symbols, 1).get(0);

    assertThat(table.minSymbol()).isEqualTo(-1);
    assertThat(table.size()).isEqualTo(3);
    assertThat(table.escapeFreq()).isGreaterThan(1); // three escapes were counted
  }

  @Test
  void shouldPriceEachRecordWithItsSymbolsAnEscapePayloadAndTheHeader() {
    FrequencyTable half = FrequencyTable.fromCounts(new long[] {1, 1}, 0, 0);
    List<FrequencyTable> tables = List.of(half, half);
    int[] symbols = {0, 1, 1, 7};

    double[] bytes = EntropyTables.recordBytes(symbols, tables);

    double escapeBits = half.bits(7) + EntropyTables.ESCAPE_PAYLOAD_BITS;
    assertThat(bytes[0]).isCloseTo((half.bits(0) + half.bits(1)) / 8 + 2, within(1e-9));
    assertThat(bytes[1]).isCloseTo((half.bits(1) + escapeBits) / 8 + 2, within(1e-9));
  }

  @Test
  void shouldQuantizeExactlyAsTheCodecsUniformQuantizer() {
    float[] codes = {0.49f, 0.5f, -0.5f, -1.51f, 2.9f};
    UniformQuantizer quantizer = new UniformQuantizer(0.5f);

    int[] symbols = EntropyTables.quantize(codes, quantizer);

    for (int i = 0; i < codes.length; i++) {
      assertThat(symbols[i]).isEqualTo(quantizer.quantize(codes[i]));
    }
  }
}
