package io.latentwire.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentwire.trainer.rd.RdEpochStats;
import io.latentwire.trainer.vae.EpochStats;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochRowTest {
  @Test
  void shouldTurnPerRecordSumsIntoPerValueMeansForBothTrainers() {
    EpochRow vae =
        EpochRow.fromVae(
                List.of(new EpochStats(2, 10, 10, 5.0, 4.0, 1.0, 0.01, Duration.ofMillis(1500))), 8)
            .get(0);
    assertThat(vae.trainMse()).isEqualTo(0.5);
    assertThat(vae.validationPsnrDb()).isCloseTo(20.0, within(1e-9));
    assertThat(vae.validationRateBits()).isNaN();
    assertThat(vae.elapsedSeconds()).isEqualTo(1.5);
    EpochRow rd =
        EpochRow.fromRd(
                List.of(new RdEpochStats(1, 3, 3, 9.0, 16.0, 40, 0.001, 38.5, Duration.ZERO)), 4)
            .get(0);
    assertThat(rd.trainMse()).isEqualTo(4.0);
    assertThat(rd.validationRateBits()).isEqualTo(38.5);
    assertThat(rd.validationPsnrDb()).isCloseTo(30.0, within(1e-9));
  }
}
