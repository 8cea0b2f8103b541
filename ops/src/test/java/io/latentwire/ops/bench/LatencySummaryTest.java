package io.latentwire.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {
  @Test
  void shouldReadNearestRankPercentilesOfUnsortedSamples() {
    long[] samples = new long[200];
    for (int i = 0; i < 200; i++) {
      samples[i] = 200 - i; // 200 .. 1, unsorted
    }
    LatencySummary s = LatencySummary.of(samples, 200);
    assertThat(s.count()).isEqualTo(200);
    assertThat(s.p50Millis()).isEqualTo(100);
    assertThat(s.p99Millis()).isEqualTo(198);
    assertThat(s.maxMillis()).isEqualTo(200);
  }

  @Test
  void shouldSummarizeOnlyTheCountedPrefix() {
    long[] samples = {7, 3, 5, 1000, 1000};
    LatencySummary s = LatencySummary.of(samples, 3);
    assertThat(s).isEqualTo(new LatencySummary(3, 5, 7, 7));
  }

  @Test
  void shouldGiveZerosForNoSamples() {
    assertThat(LatencySummary.of(new long[4], 0)).isEqualTo(LatencySummary.EMPTY);
  }

  @Test
  void shouldRejectACountBeyondTheArray() {
    assertThatThrownBy(() -> LatencySummary.of(new long[2], 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 2, got 3");
  }
}
