package io.latentwire.streams.health;

/** Tells an app's current health. Called from HTTP threads: must be thread-safe and quick. */
@FunctionalInterface
public interface HealthProbe {
  HealthStatus check();
}
