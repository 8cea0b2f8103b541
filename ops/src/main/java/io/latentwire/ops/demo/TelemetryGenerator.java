package io.latentwire.ops.demo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Deterministic multi-sensor telemetry from simulated industrial pumps, as {@code TelemetryRecord}s
 * wrapped in {@link TelemetryReading}s that also say which anomaly, if any, each reading carries.
 *
 * <p>Readings come in time steps: at each step one reading per device, devices in order {@code
 * pump-001}, {@code pump-002}, ...; the timestamp of step {@code n} is {@code start + n ×
 * samplingInterval}. The same {@link TelemetryConfig} (seed included) always gives the same
 * sequence, and a device's readings do not depend on the number of devices.
 *
 * <h2>What drives the values</h2>
 *
 * <ul>
 *   <li>Weather: ambient temperature follows a daily cycle (peak 15:00 UTC, ±5.5 °C around a
 *       per-site mean of 12–24 °C) plus a slow random drift; humidity moves against it.
 *   <li>Load: each pump runs two shifts (high load 06:00–22:00 site time, low at night) with random
 *       set-point moves every 45 min on average; load ramps toward its target over about 8 min.
 *       Speed is 55–100 % of rated speed (1470–1490 rpm) as load goes from 0 to 1.
 *   <li>Wear: grows slowly (0.2–1 % per day) and raises vibration, power and temperatures.
 * </ul>
 *
 * <h2>Relations between channels</h2>
 *
 * <ul>
 *   <li>flow ∝ speed, pressure ∝ speed², power ≈ no-load losses + rated power × speed³ (pump
 *       affinity laws);
 *   <li>power = √3 × voltage × current × power factor / 1000 (three-phase motor; power factor
 *       0.72–0.86 rising with load), so current follows power and falls as voltage rises;
 *   <li>outlet temperature = inlet + 0.4–4 °C rising with load; oil temperature approaches ambient
 *       + 18 + 28 × load with a 25-minute lag;
 *   <li>humidity = site mean − 2.2 %/°C × ambient deviation, so it is anti-correlated with ambient
 *       temperature; voltage sags by up to 6 V in the evening peak.
 * </ul>
 *
 * <p>Measurement noise is added to every channel. Without anomalies each channel stays within the
 * range documented on {@link TelemetryChannel}.
 *
 * <h2>Anomalies</h2>
 *
 * <p>At each reading of a device that is not already in an anomaly, one starts with probability
 * {@link TelemetryConfig#anomalyRate()}: a {@linkplain TelemetryAnomaly#SPIKE spike}, a {@linkplain
 * TelemetryAnomaly#STUCK_SENSOR stuck sensor} or a {@linkplain TelemetryAnomaly#VIBRATION_BURST
 * vibration burst}, equally likely. The record does not mark it; {@link TelemetryReading} does.
 *
 * <p>An infinite {@link Iterator}; not thread-safe.
 */
public final class TelemetryGenerator implements Iterator<TelemetryReading> {

  private final TelemetryConfig config;
  private final PumpModel[] devices;
  private final long startMillis;
  private final long intervalMillis;
  private long index;

  public TelemetryGenerator(TelemetryConfig config) {
    this.config = config;
    this.devices = new PumpModel[config.devices()];
    for (int i = 0; i < devices.length; i++) {
      devices[i] = new PumpModel(deviceId(i), deviceSeed(config.seed(), i));
    }
    this.startMillis = config.start().toEpochMilli();
    this.intervalMillis = config.samplingInterval().toMillis();
  }

  /** The settings this generator runs with. */
  public TelemetryConfig config() {
    return config;
  }

  /** The id of device {@code index} (0-based): {@code pump-001}, {@code pump-002}, ... */
  public static String deviceId(int index) {
    return String.format("pump-%03d", index + 1);
  }

  /** Always true: the generator never runs out. */
  @Override
  public boolean hasNext() {
    return true;
  }

  /** The next reading: the next device at the current time step. */
  @Override
  public TelemetryReading next() {
    int device = (int) (index % devices.length);
    long step = index / devices.length;
    index++;
    long time = startMillis + step * intervalMillis;
    return devices[device].read(time, intervalMillis / 1000.0, config.anomalyRate());
  }

  /** The next {@code count} readings. */
  public List<TelemetryReading> next(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    List<TelemetryReading> readings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      readings.add(next());
    }
    return readings;
  }

  /** The readings from here on as an infinite, ordered, lazy stream; limit it. */
  public Stream<TelemetryReading> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            this, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE),
        false);
  }

  /** Mixes seed and device index (SplitMix64 finaliser) into independent per-device streams. */
  private static long deviceSeed(long seed, int device) {
    long z = seed + (device + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
