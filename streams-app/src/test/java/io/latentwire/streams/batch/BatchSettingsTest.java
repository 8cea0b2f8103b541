package io.latentwire.streams.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchSettingsTest {
  @Test
  void shouldRejectSizesOutsideOneToTheMaximumNamingTheRange() {
    assertThatThrownBy(() -> new BatchSettings(0, Duration.ZERO))
        .hasMessageContaining("between 1 and 16384, got 0");
    assertThatThrownBy(() -> new BatchSettings(BatchSettings.MAX_SIZE + 1, Duration.ZERO))
        .hasMessageContaining("got 16385");
  }

  @Test
  void shouldRejectANegativeLinger() {
    assertThatThrownBy(() -> new BatchSettings(8, Duration.ofMillis(-1)))
        .hasMessageContaining("linger must be >= 0");
  }

  @Test
  void shouldBufferOnlyAboveOneRecord() {
    assertThat(BatchSettings.perRecord().buffers()).isFalse();
    assertThat(BatchSettings.defaults().buffers()).isTrue();
  }

  @Test
  void shouldAverageDrainedBatchesAcrossCauses() {
    BatchStats stats = new BatchStats();
    stats.recordDrain(64, DrainCause.SIZE);
    stats.recordDrain(16, DrainCause.COMMIT);
    stats.recordDrain(0, DrainCause.COMMIT);
    BatchStats.Snapshot s = stats.snapshot();
    assertThat(s.totalBatches()).isEqualTo(2);
    assertThat(s.averageBatchSize()).isEqualTo(40.0);
    assertThat(s.toString()).contains("by size 1", "at commit 1");
  }
}
