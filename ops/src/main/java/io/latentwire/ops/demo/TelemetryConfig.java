package io.latentwire.ops.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Settings of a {@link TelemetryGenerator}, validated on construction.
 *
 * @param seed seed of every random choice; the same seed gives the same readings
 * @param devices number of devices, 1 to {@value #MAX_DEVICES}
 * @param samplingInterval time between two readings of one device, whole milliseconds, 1 ms to 1
 *     day
 * @param start timestamp of the first readings (not the wall clock, so runs are reproducible)
 * @param anomalyRate probability that an anomaly starts at a reading of a device not already in
 *     one, 0 to {@value #MAX_ANOMALY_RATE}
 */
public record TelemetryConfig(
    long seed, int devices, Duration samplingInterval, Instant start, double anomalyRate) {

  public static final int MAX_DEVICES = 100_000;
  public static final double MAX_ANOMALY_RATE = 0.5;

  /** Default start: a fixed instant, midnight UTC, so daily cycles line up with readings. */
  public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");

  public TelemetryConfig {
    if (devices < 1 || devices > MAX_DEVICES) {
      throw new IllegalArgumentException(
          "devices must be between 1 and " + MAX_DEVICES + ", got " + devices);
    }
    Objects.requireNonNull(samplingInterval, "samplingInterval");
    if (samplingInterval.compareTo(Duration.ofMillis(1)) < 0
        || samplingInterval.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "samplingInterval must be between PT0.001S and P1D, got " + samplingInterval);
    }
    if (samplingInterval.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "samplingInterval must be whole milliseconds (timestamps are epoch millis), got "
              + samplingInterval);
    }
    Objects.requireNonNull(start, "start");
    if (!(anomalyRate >= 0 && anomalyRate <= MAX_ANOMALY_RATE)) {
      throw new IllegalArgumentException(
          "anomalyRate must be between 0 and " + MAX_ANOMALY_RATE + ", got " + anomalyRate);
    }
  }

  /** 4 devices, one reading every 10 s from {@link #DEFAULT_START}, anomaly rate 0.002. */
  public static TelemetryConfig defaults(long seed) {
    return new TelemetryConfig(seed, 4, Duration.ofSeconds(10), DEFAULT_START, 0.002);
  }

  public TelemetryConfig withDevices(int devices) {
    return new TelemetryConfig(seed, devices, samplingInterval, start, anomalyRate);
  }

  public TelemetryConfig withSamplingInterval(Duration samplingInterval) {
    return new TelemetryConfig(seed, devices, samplingInterval, start, anomalyRate);
  }

  public TelemetryConfig withStart(Instant start) {
    return new TelemetryConfig(seed, devices, samplingInterval, start, anomalyRate);
  }

  public TelemetryConfig withAnomalyRate(double anomalyRate) {
    return new TelemetryConfig(seed, devices, samplingInterval, start, anomalyRate);
  }
}
