package io.latentwire.codec.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.errors.CorruptPayloadException;
import io.latentwire.codec.errors.UnsupportedPayloadVersionException;
import io.latentwire.codec.quant.UniformQuantizer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PayloadFormatTest {

  @Test
  void shouldRoundTripSymbolsIncludingTheExtremes() {
    int max = UniformQuantizer.MAX_SYMBOL;
    int[] symbols = {0, 1, -1, 63, -64, 64, 1000, -1000, max, -max};
    byte[] payload = PayloadFormat.write(symbols);
    assertThat(payload[0]).isEqualTo((byte) PayloadFormat.VERSION_1);
    assertThat(PayloadFormat.read(payload, symbols.length)).containsExactly(symbols);
  }

  @Test
  void shouldSpendOneByteOnSmallSymbols() {
    assertThat(PayloadFormat.write(new int[] {0, 1, -1, 5, -30})).hasSize(1 + 5);
  }

  @Test
  void shouldRejectAnEmptyPayload() {
    assertThatThrownBy(() -> PayloadFormat.read(new byte[0], 4))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void shouldRejectAnUnknownVersionNamingIt() {
    assertThatThrownBy(() -> PayloadFormat.read(new byte[] {9, 0, 0}, 2))
        .isInstanceOf(UnsupportedPayloadVersionException.class)
        .hasMessageContaining("version 9");
  }

  @Test
  void shouldRejectEveryTruncationOfAValidPayload() {
    byte[] payload = PayloadFormat.write(new int[] {300, -70000, 2, 0});
    for (int len = 0; len < payload.length; len++) {
      byte[] cut = Arrays.copyOf(payload, len);
      assertThatThrownBy(() -> PayloadFormat.read(cut, 4))
          .as("truncated to %d bytes", len)
          .isInstanceOf(CorruptPayloadException.class);
    }
  }

  @Test
  void shouldRejectTrailingBytes() {
    byte[] payload = PayloadFormat.write(new int[] {1, 2});
    byte[] longer = Arrays.copyOf(payload, payload.length + 1);
    assertThatThrownBy(() -> PayloadFormat.read(longer, 2))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void shouldRejectAVarintLongerThanFiveBytes() {
    byte[] hostile = {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
    assertThatThrownBy(() -> PayloadFormat.read(hostile, 1))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("overflows");
  }

  @Test
  void shouldRejectSymbolsOutsideTheQuantizerRange() {
    int[] tooBig = {UniformQuantizer.MAX_SYMBOL + 1};
    byte[] payload = PayloadFormat.write(tooBig);
    assertThatThrownBy(() -> PayloadFormat.read(payload, 1))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("outside");
  }

  @Test
  void shouldOnlyEverThrowCorruptPayloadOnRandomMutations() {
    SplittableRandom rnd = new SplittableRandom(42);
    int[] symbols = new int[32];
    int accepted = 0;
    for (int round = 0; round < 200_000; round++) {
      for (int i = 0; i < symbols.length; i++) {
        symbols[i] = rnd.nextInt(-200, 200);
      }
      byte[] p = PayloadFormat.write(symbols);
      int flips = 1 + rnd.nextInt(3);
      for (int f = 0; f < flips; f++) {
        p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      if (rnd.nextInt(10) == 0) {
        p = Arrays.copyOf(p, rnd.nextInt(p.length + 4));
      }
      try {
        int[] decoded = PayloadFormat.read(p, symbols.length);
        assertThat(decoded).hasSize(symbols.length);
        accepted++;
      } catch (CorruptPayloadException expected) {
        // the only failure allowed
      }
    }
    // Some mutations keep a valid structure (a flipped low bit), most don't: both paths ran.
    assertThat(accepted).isBetween(1, 199_999);
  }
}
