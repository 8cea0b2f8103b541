package io.latentwire.ops.demo;

import io.latentwire.schemas.examples.TelemetryRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * One generated reading and what the generator knows about it: the anomaly affecting it, which the
 * record itself does not carry (real devices do not announce their faults), so tests and demos can
 * check detection and reconstruction of anomalies.
 *
 * @param record the reading, never {@code null}
 * @param anomaly the anomaly active on this reading, {@link TelemetryAnomaly#NONE} if none
 * @param channel the channel the anomaly affects; {@code null} exactly when there is no anomaly
 * @param anomalyStart whether an anomaly begins at this reading (false while one goes on)
 */
public record TelemetryReading(
    TelemetryRecord record,
    TelemetryAnomaly anomaly,
    TelemetryChannel channel,
    boolean anomalyStart) {

  public TelemetryReading {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(anomaly, "anomaly");
    if ((anomaly == TelemetryAnomaly.NONE) != (channel == null)) {
      throw new IllegalArgumentException(
          "channel must be null exactly when anomaly is NONE; got " + anomaly + ", " + channel);
    }
  }

  /** Whether an anomaly affects this reading. */
  public boolean isAnomalous() {
    return anomaly != TelemetryAnomaly.NONE;
  }

  /** The affected channel, empty for a normal reading. */
  public Optional<TelemetryChannel> anomalyChannel() {
    return Optional.ofNullable(channel);
  }
}
