package io.latentwire.streams.health;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * Health of a {@link KafkaStreams} app. Ready only in {@code RUNNING}: during a rebalance or before
 * the first assignment, records wait. Dead in {@code PENDING_ERROR}, {@code ERROR} and {@code
 * NOT_RUNNING} (states Kafka Streams never leaves by itself) or once an uncaught error stopped it.
 */
public final class KafkaStreamsHealth implements HealthProbe {
  private static final Set<State> FATAL =
      EnumSet.of(State.PENDING_ERROR, State.ERROR, State.NOT_RUNNING);

  private final Supplier<State> state;
  private final Supplier<Throwable> failure;

  /**
   * @param state the current state, e.g. {@code streams::state}
   * @param failure the error that stopped the app, or null; e.g. {@code app::failure}
   */
  public KafkaStreamsHealth(Supplier<State> state, Supplier<Throwable> failure) {
    this.state = state;
    this.failure = failure;
  }

  @Override
  public HealthStatus check() {
    State s = state.get();
    Throwable f = failure.get();
    boolean live = f == null && !FATAL.contains(s);
    return new HealthStatus(live, live && s == State.RUNNING, s.name(), describe(f));
  }

  private static String describe(Throwable f) {
    if (f == null) {
      return null;
    }
    return f.getMessage() == null ? f.getClass().getName() : f.getMessage();
  }
}
