package io.latentwire.ops.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSpecTest {

  @Test
  void shouldAccumulateConfigsWithoutChangingTheOriginal() {
    TopicSpec plain = TopicSpec.of("codes", 3);
    TopicSpec compacted =
        plain.withConfig("cleanup.policy", "compact").withConfig("max.message.bytes", "1048576");

    assertThat(plain.configs()).isEmpty();
    assertThat(compacted.configs())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("cleanup.policy", "compact", "max.message.bytes", "1048576"));
    assertThat(compacted.partitions()).isEqualTo(3);
  }

  @Test
  void shouldCopyTheConfigMapSoLaterChangesDoNotLeakIn() {
    Map<String, String> configs = new HashMap<>(Map.of("cleanup.policy", "compact"));
    TopicSpec spec = new TopicSpec("codes", 1, configs);
    configs.put("retention.ms", "1");

    assertThat(spec.configs()).containsOnlyKeys("cleanup.policy");
  }

  @Test
  void shouldRejectIllegalTopicNamesNamingTheValue() {
    assertThatThrownBy(() -> TopicSpec.of("has space", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'has space'")
        .hasMessageContaining("[a-zA-Z0-9._-]");
    assertThatThrownBy(() -> TopicSpec.of("..", 1)).hasMessageContaining("'..'");
    assertThatThrownBy(() -> TopicSpec.of("x".repeat(250), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectPartitionCountBelowOneNamingTheTopic() {
    assertThatThrownBy(() -> TopicSpec.of("codes", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partitions of topic codes")
        .hasMessageContaining("got 0");
  }

  @Test
  void shouldRejectNullConfigValues() {
    assertThatThrownBy(() -> TopicSpec.of("codes", 1).withConfig("cleanup.policy", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cleanup.policy");
  }
}
