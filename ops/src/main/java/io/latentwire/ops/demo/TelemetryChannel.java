package io.latentwire.ops.demo;

/**
 * The twelve measured channels of a {@code TelemetryRecord}, with the range the {@link
 * TelemetryGenerator} keeps them in when no anomaly is active. Anomalies (spikes in particular) may
 * leave the range: that is what makes them anomalies.
 */
public enum TelemetryChannel {
  /** Inlet fluid temperature: follows a per-device supply temperature and, weakly, the weather. */
  INLET_TEMPERATURE("inletTemperature", "°C", 0, 35),
  /** Outlet temperature: inlet plus a rise that grows with load and wear. */
  OUTLET_TEMPERATURE("outletTemperature", "°C", 0, 40),
  /** Ambient air temperature: daily cycle peaking mid-afternoon (UTC) plus slow weather. */
  AMBIENT_TEMPERATURE("ambientTemperature", "°C", -5, 45),
  /** Relative humidity: falls as the air warms. */
  HUMIDITY("humidity", "%", 5, 100),
  /** Discharge pressure: proportional to speed squared (pump affinity law). */
  PRESSURE("pressure", "bar", 0.5, 9),
  /** Flow: proportional to speed. */
  FLOW_RATE("flowRate", "m³/h", 15, 130),
  /** Bearing vibration velocity RMS: grows with speed and wear. */
  VIBRATION("vibration", "mm/s", 0.5, 9),
  /** Motor current: electrical power / (√3 · voltage · power factor). */
  MOTOR_CURRENT("motorCurrent", "A", 0, 120),
  /** Supply (line) voltage: 400 V nominal, evening sag, noise. */
  SUPPLY_VOLTAGE("supplyVoltage", "V", 370, 430),
  /** Electrical power: proportional to speed cubed plus no-load losses. */
  POWER("power", "kW", 0, 55),
  /** Shaft speed: set by the load schedule. */
  RPM("rpm", "rpm", 800, 1600),
  /** Bearing oil temperature: lags load by tens of minutes. */
  OIL_TEMPERATURE("oilTemperature", "°C", 20, 95);

  private final String fieldName;
  private final String unit;
  private final double normalMin;
  private final double normalMax;

  TelemetryChannel(String fieldName, String unit, double normalMin, double normalMax) {
    this.fieldName = fieldName;
    this.unit = unit;
    this.normalMin = normalMin;
    this.normalMax = normalMax;
  }

  /** The field name in {@code TelemetryRecord}. */
  public String fieldName() {
    return fieldName;
  }

  /** Unit of the channel's values. */
  public String unit() {
    return unit;
  }

  /** Lowest value produced without an anomaly. */
  public double normalMin() {
    return normalMin;
  }

  /** Highest value produced without an anomaly. */
  public double normalMax() {
    return normalMax;
  }
}
