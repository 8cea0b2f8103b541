package io.latentwire.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentwire.trainer.rd.RdEpochStats;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochRowTest {
  @Test
  void shouldTurnPerRecordSumsIntoPerValueMeans() {
    EpochRow rd =
        EpochRow.fromRd(
                List.of(
                    new RdEpochStats(
                        1, 3, 3, 9.0, 16.0, 40, 0.001, 38.5, 0.5, 1e-3, Duration.ofMillis(1500))),
                4)
            .get(0);
    assertThat(rd.trainLoss()).isEqualTo(9.0);
    assertThat(rd.trainMse()).isEqualTo(4.0);
    assertThat(rd.validationRateBits()).isEqualTo(38.5);
    assertThat(rd.validationPsnrDb()).isCloseTo(30.0, within(1e-9));
    assertThat(rd.elapsedSeconds()).isEqualTo(1.5);
  }
}
