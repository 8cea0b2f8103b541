package io.latentwire.streams.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.streams.errors.LatentwireStreamsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.Test;

class PreCommitHookStoreTest {
  @Test
  void shouldBuildAStoreWithoutChangelogOrCache() {
    StoreBuilder<PreCommitHookStore> b = PreCommitHookStore.builder("hook");
    assertThat(b.loggingEnabled()).isFalse();
    assertThat(b.logConfig()).isEmpty();
    assertThat(b.withLoggingDisabled().withCachingDisabled().build().persistent()).isFalse();
    assertThatThrownBy(() -> b.withLoggingEnabled(Map.of()))
        .hasMessageContaining("changelog topic would stay empty");
    assertThatThrownBy(b::withCachingEnabled).hasMessageContaining("no data to cache");
  }

  @Test
  void shouldTellItsListenerToDrainOnFlushAndToDiscardOnClear() {
    PreCommitHookStore store = PreCommitHookStore.builder("hook").build();
    List<String> calls = new ArrayList<>();
    store.flushCache(); // no listener yet (task closing before its processor started): no-op
    store.listen(
        new PreCommitHookStore.Listener() {
          @Override
          public void beforeCommit() {
            calls.add("drain");
          }

          @Override
          public void discard() {
            calls.add("discard");
          }
        });
    store.flushCache();
    store.clearCache();
    store.close();
    store.flushCache();
    assertThat(calls).containsExactly("drain", "discard");
    assertThat(store.setFlushListener(null, false)).isFalse();
  }

  @Test
  void shouldRefuseToBatchOnAMockContextNamingTheWayOut() {
    assertThatThrownBy(() -> TaskScope.capture(new MockProcessorContext<>()))
        .isInstanceOf(LatentwireStreamsException.class)
        .hasMessageContaining("batch size of 1");
  }
}
