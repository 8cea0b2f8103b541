package io.latentwire.streams.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KafkaStreamsHealthTest {
  @ParameterizedTest
  @EnumSource(State.class)
  void shouldBeReadyOnlyWhenRunningAndDeadOnlyInTerminalStates(State state) {
    HealthStatus s = new KafkaStreamsHealth(() -> state, () -> null).check();
    assertThat(s.state()).isEqualTo(state.name());
    assertThat(s.ready()).isEqualTo(state == State.RUNNING);
    boolean terminal =
        state == State.ERROR || state == State.PENDING_ERROR || state == State.NOT_RUNNING;
    assertThat(s.live()).isEqualTo(!terminal);
    assertThat(s.failure()).isNull();
  }

  @ParameterizedTest
  @EnumSource(State.class)
  void shouldBeNeitherLiveNorReadyOnceAnErrorStoppedTheApp(State state) {
    HealthStatus s =
        new KafkaStreamsHealth(() -> state, () -> new IllegalStateException("disk full")).check();
    assertThat(s.live()).isFalse();
    assertThat(s.ready()).isFalse();
    assertThat(s.failure()).isEqualTo("disk full");
  }
}
