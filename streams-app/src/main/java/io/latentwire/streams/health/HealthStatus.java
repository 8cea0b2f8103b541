package io.latentwire.streams.health;

import java.util.Objects;

/**
 * One look at an app's health.
 *
 * @param live false once the app can no longer recover by itself (restart it)
 * @param ready true only while it processes records
 * @param state the Kafka Streams state name, e.g. {@code RUNNING}
 * @param failure the error that stopped the app; null when none
 */
public record HealthStatus(boolean live, boolean ready, String state, String failure) {
  public HealthStatus {
    Objects.requireNonNull(state, "state");
  }
}
