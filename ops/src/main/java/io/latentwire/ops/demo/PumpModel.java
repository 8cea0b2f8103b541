package io.latentwire.ops.demo;

import io.latentwire.schemas.examples.TelemetryRecord;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The simulated physics of one pump: latent drivers (weather, load schedule, wear) evolve in time,
 * the twelve channels are derived from them through the usual pump and motor relations, then
 * measurement noise and anomalies are applied. One instance per device, each with its own random
 * stream, so a device's readings do not depend on how many other devices there are.
 */
final class PumpModel {

  private static final int CHANNELS = TelemetryChannel.values().length;
  private static final double SECONDS_PER_DAY = 86_400;
  private static final double SQRT3 = Math.sqrt(3);

  // Time constants (seconds) of the latent processes.
  private static final double WEATHER_TAU = 6 * 3600;
  private static final double HUMIDITY_TAU = 3 * 3600;
  private static final double FLUID_TAU = 2 * 3600;
  private static final double LOAD_RAMP_TAU = 8 * 60;
  private static final double OIL_TAU = 25 * 60;
  private static final double SETPOINT_CHANGE_MEAN = 45 * 60;

  /** Measurement noise, one standard deviation per channel, in the channel's unit. */
  private static final double[] NOISE = {
    0.1, // inlet °C
    0.1, // outlet °C
    0.15, // ambient °C
    0.5, // humidity %
    0.02, // pressure bar
    0.5, // flow m³/h
    0.0, // vibration: multiplicative, see below
    0.2, // current A
    0.5, // voltage V
    0.1, // power kW
    2.0, // rpm
    0.2 // oil °C
  };

  private final String deviceId;
  private final SplittableRandom random;

  // Fixed characteristics of this pump and its site.
  private final double ratedRpm;
  private final double ratedFlow;
  private final double ratedPressure;
  private final double ratedPower;
  private final double baseAmbient;
  private final double baseHumidity;
  private final double fluidBase;
  private final double gridOffset;
  private final double initialWear;
  private final double wearPerDay;
  private final double shiftOffsetHours;

  // Latent state.
  private boolean started;
  private long startMillis;
  private double weather;
  private double humidityDrift;
  private double fluidDrift;
  private double setpointOffset;
  private double load;
  private double oil;

  // Anomaly state.
  private TelemetryAnomaly anomaly = TelemetryAnomaly.NONE;
  private TelemetryChannel anomalyChannel;
  private int anomalyReadingsLeft;
  private double anomalyFactor;
  private float stuckValue;
  private final float[] lastReported = new float[CHANNELS];
  private boolean hasReported;

  PumpModel(String deviceId, long seed) {
    this.deviceId = deviceId;
    this.random = new SplittableRandom(seed);
    this.ratedRpm = uniform(1470, 1490);
    this.ratedFlow = uniform(40, 120);
    this.ratedPressure = uniform(3, 8);
    this.ratedPower = uniform(11, 45);
    this.baseAmbient = uniform(12, 24);
    this.baseHumidity = uniform(45, 65);
    this.fluidBase = uniform(8, 18);
    this.gridOffset = uniform(-5, 5);
    this.initialWear = uniform(0, 0.3);
    this.wearPerDay = uniform(0.002, 0.01);
    this.shiftOffsetHours = uniform(0, 3);
  }

  /** The reading at {@code timeMillis}, {@code dtSeconds} after the previous one. */
  TelemetryReading read(long timeMillis, double dtSeconds, double anomalyRate) {
    double hour = Math.floorMod(timeMillis, 86_400_000L) / 3_600_000.0;
    if (!started) {
      startFromSteadyState(timeMillis, hour);
    } else {
      advance(dtSeconds, hour, timeMillis);
    }
    double[] v = channels(timeMillis, hour);
    addMeasurementNoise(v);
    boolean anomalyStart = maybeStartAnomaly(anomalyRate, v);
    TelemetryAnomaly active = anomaly;
    TelemetryChannel activeChannel = anomalyChannel;
    applyAnomaly(v);

    float[] reported = new float[CHANNELS];
    for (int i = 0; i < CHANNELS; i++) {
      reported[i] = (float) v[i];
    }
    System.arraycopy(reported, 0, lastReported, 0, CHANNELS);
    hasReported = true;
    TelemetryRecord record =
        new TelemetryRecord(
            deviceId,
            Instant.ofEpochMilli(timeMillis),
            reported[0],
            reported[1],
            reported[2],
            reported[3],
            reported[4],
            reported[5],
            reported[6],
            reported[7],
            reported[8],
            reported[9],
            reported[10],
            reported[11]);
    return new TelemetryReading(record, active, activeChannel, anomalyStart);
  }

  private void startFromSteadyState(long timeMillis, double hour) {
    started = true;
    startMillis = timeMillis;
    weather = 1.5 * gaussian();
    humidityDrift = 4 * gaussian();
    fluidDrift = 0.5 * gaussian();
    setpointOffset = uniform(-0.15, 0.15);
    load = loadTarget(hour);
    oil = oilTarget(ambient(hour), wear(timeMillis));
  }

  private void advance(double dt, double hour, long timeMillis) {
    weather = ornsteinUhlenbeck(weather, 1.5, WEATHER_TAU, dt);
    humidityDrift = ornsteinUhlenbeck(humidityDrift, 4, HUMIDITY_TAU, dt);
    fluidDrift = ornsteinUhlenbeck(fluidDrift, 0.5, FLUID_TAU, dt);
    if (random.nextDouble() < 1 - Math.exp(-dt / SETPOINT_CHANGE_MEAN)) {
      setpointOffset = uniform(-0.15, 0.15);
    }
    // Load follows its target with a ramp; oil temperature follows load with a longer lag.
    load = relax(load, loadTarget(hour), LOAD_RAMP_TAU, dt);
    oil = relax(oil, oilTarget(ambient(hour), wear(timeMillis)), OIL_TAU, dt);
  }

  /** Noise-free channel values from the latent state, in {@link TelemetryChannel} order. */
  private double[] channels(long timeMillis, double hour) {
    double wear = wear(timeMillis);
    double ambient = ambient(hour);
    double speed = 0.55 + 0.45 * load; // fraction of rated speed
    double inlet = fluidBase + 0.3 * (ambient - baseAmbient) + fluidDrift;
    double humidity = clamp(baseHumidity - 2.2 * (ambient - baseAmbient) + humidityDrift, 5, 100);
    double powerKw = ratedPower * (0.08 + 0.92 * speed * speed * speed) * (1 + 0.08 * wear);
    double voltage = 400 + gridOffset - 6 * Math.cos(2 * Math.PI * (hour - 19) / 24);
    double powerFactor = 0.72 + 0.14 * load;
    double current = powerKw * 1000 / (SQRT3 * voltage * powerFactor);

    double[] v = new double[CHANNELS];
    v[TelemetryChannel.INLET_TEMPERATURE.ordinal()] = inlet;
    v[TelemetryChannel.OUTLET_TEMPERATURE.ordinal()] = inlet + 0.4 + 3.0 * load + 0.8 * wear;
    v[TelemetryChannel.AMBIENT_TEMPERATURE.ordinal()] = ambient;
    v[TelemetryChannel.HUMIDITY.ordinal()] = humidity;
    v[TelemetryChannel.PRESSURE.ordinal()] = ratedPressure * speed * speed * (1 - 0.03 * wear);
    v[TelemetryChannel.FLOW_RATE.ordinal()] = ratedFlow * speed * (1 - 0.05 * wear);
    v[TelemetryChannel.VIBRATION.ordinal()] = 0.9 + 1.6 * speed * speed + 3.0 * wear;
    v[TelemetryChannel.MOTOR_CURRENT.ordinal()] = current;
    v[TelemetryChannel.SUPPLY_VOLTAGE.ordinal()] = voltage;
    v[TelemetryChannel.POWER.ordinal()] = powerKw;
    v[TelemetryChannel.RPM.ordinal()] = ratedRpm * speed;
    v[TelemetryChannel.OIL_TEMPERATURE.ordinal()] = oil;
    return v;
  }

  private void addMeasurementNoise(double[] v) {
    for (int i = 0; i < CHANNELS; i++) {
      v[i] += NOISE[i] * gaussian();
    }
    int vib = TelemetryChannel.VIBRATION.ordinal();
    v[vib] *= Math.max(0.7, 1 + 0.08 * gaussian());
    int humidity = TelemetryChannel.HUMIDITY.ordinal();
    v[humidity] = clamp(v[humidity], 5, 100);
  }

  private boolean maybeStartAnomaly(double rate, double[] v) {
    if (anomaly != TelemetryAnomaly.NONE || rate <= 0 || random.nextDouble() >= rate) {
      return false;
    }
    TelemetryChannel[] channels = TelemetryChannel.values();
    switch (random.nextInt(3)) {
      case 0 -> {
        anomaly = TelemetryAnomaly.SPIKE;
        anomalyChannel = channels[random.nextInt(CHANNELS)];
        anomalyReadingsLeft = 1;
        anomalyFactor = random.nextBoolean() ? uniform(1.5, 2.5) : uniform(0.2, 0.5);
      }
      case 1 -> {
        anomaly = TelemetryAnomaly.STUCK_SENSOR;
        anomalyChannel = channels[random.nextInt(CHANNELS)];
        anomalyReadingsLeft = 5 + random.nextInt(26);
        int c = anomalyChannel.ordinal();
        // Stuck at the last value it sent; at the very first reading, at the current one.
        stuckValue = hasReported ? lastReported[c] : (float) v[c];
      }
      default -> {
        anomaly = TelemetryAnomaly.VIBRATION_BURST;
        anomalyChannel = TelemetryChannel.VIBRATION;
        anomalyReadingsLeft = 3 + random.nextInt(10);
        anomalyFactor = uniform(3, 6);
      }
    }
    return true;
  }

  private void applyAnomaly(double[] v) {
    if (anomaly == TelemetryAnomaly.NONE) {
      return;
    }
    int c = anomalyChannel.ordinal();
    switch (anomaly) {
      case SPIKE, VIBRATION_BURST -> v[c] *= anomalyFactor;
      case STUCK_SENSOR -> v[c] = stuckValue;
      default -> throw new IllegalStateException("unexpected anomaly " + anomaly);
    }
    if (--anomalyReadingsLeft == 0) {
      anomaly = TelemetryAnomaly.NONE;
      anomalyChannel = null;
    }
  }

  /** Daily cycle peaking at 15:00 UTC, plus slow weather. */
  private double ambient(double hour) {
    return baseAmbient + 5.5 * Math.sin(2 * Math.PI * (hour - 9) / 24) + weather;
  }

  /** Two shifts: high load by day (06:00–22:00 site time), low at night, plus set-point moves. */
  private double loadTarget(double hour) {
    double siteHour = (hour + shiftOffsetHours) % 24;
    double base = siteHour >= 6 && siteHour < 22 ? 0.78 : 0.35;
    return clamp(base + setpointOffset, 0.2, 1.0);
  }

  private double oilTarget(double ambient, double wear) {
    return ambient + 18 + 28 * load + 8 * wear;
  }

  /** Wear in [0, 1]: grows linearly with running time. */
  private double wear(long timeMillis) {
    double days = (timeMillis - startMillis) / 1000.0 / SECONDS_PER_DAY;
    return Math.min(1, initialWear + wearPerDay * days);
  }

  private double ornsteinUhlenbeck(double x, double sigma, double tau, double dt) {
    double a = Math.exp(-dt / tau);
    return a * x + sigma * Math.sqrt(1 - a * a) * gaussian();
  }

  private static double relax(double x, double target, double tau, double dt) {
    return target + (x - target) * Math.exp(-dt / tau);
  }

  private double uniform(double min, double max) {
    return min + (max - min) * random.nextDouble();
  }

  /** Box–Muller on SplittableRandom's specified doubles: same values on every JDK. */
  private double gaussian() {
    double u1 = 1 - random.nextDouble(); // (0, 1]
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double clamp(double x, double min, double max) {
    return Math.max(min, Math.min(max, x));
  }
}
