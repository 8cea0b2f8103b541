package io.latentwire.ops.demo;

/** The kind of anomaly affecting one generated reading. */
public enum TelemetryAnomaly {
  /** A normal reading. */
  NONE,
  /** One reading of one channel far off (multiplied by 0.2–0.5 or 1.5–2.5). */
  SPIKE,
  /** One channel repeats its last value for 5–30 readings while the device goes on changing. */
  STUCK_SENSOR,
  /** Vibration 3–6 times its normal level for 3–12 readings. */
  VIBRATION_BURST
}
