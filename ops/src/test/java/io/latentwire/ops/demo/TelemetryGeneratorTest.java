package io.latentwire.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.latentwire.schemas.examples.TelemetryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TelemetryGeneratorTest {

  /** One device, one reading a minute, four days, no anomalies: for the physics checks. */
  private static List<TelemetryRecord> clean;

  @BeforeAll
  static void generateCleanSeries() {
    TelemetryConfig config =
        TelemetryConfig.defaults(42)
            .withDevices(1)
            .withSamplingInterval(Duration.ofMinutes(1))
            .withAnomalyRate(0);
    clean =
        new TelemetryGenerator(config)
            .stream().limit(4 * 1440).map(TelemetryReading::record).toList();
  }

  private static double[] channel(List<TelemetryRecord> records, TelemetryChannel c) {
    return records.stream()
        .mapToDouble(r -> ((Number) r.get(c.fieldName())).doubleValue())
        .toArray();
  }

  private static double correlation(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** Correlation of x[t] with y[t - lag]. */
  private static double laggedCorrelation(double[] x, double[] y, int lag) {
    int n = x.length - Math.abs(lag);
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      int t = i + Math.max(lag, 0);
      a[i] = x[t];
      b[i] = y[t - lag];
    }
    return correlation(a, b);
  }

  @Test
  void shouldProduceTheSameSequenceForTheSameSeed() {
    TelemetryConfig config = TelemetryConfig.defaults(7).withAnomalyRate(0.05);

    List<TelemetryReading> first = new TelemetryGenerator(config).next(2000);
    List<TelemetryReading> second = new TelemetryGenerator(config).next(2000);
    List<TelemetryReading> otherSeed =
        new TelemetryGenerator(TelemetryConfig.defaults(8).withAnomalyRate(0.05)).next(2000);

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed.get(0).record()).isNotEqualTo(first.get(0).record());
  }

  @Test
  void shouldGiveADeviceTheSameReadingsWhateverTheNumberOfDevices() {
    List<TelemetryRecord> ofThree =
        new TelemetryGenerator(TelemetryConfig.defaults(3).withDevices(3))
            .stream()
                .limit(300)
                .map(TelemetryReading::record)
                .filter(r -> r.getDeviceId().equals("pump-002"))
                .toList();
    List<TelemetryRecord> ofFive =
        new TelemetryGenerator(TelemetryConfig.defaults(3).withDevices(5))
            .stream()
                .limit(500)
                .map(TelemetryReading::record)
                .filter(r -> r.getDeviceId().equals("pump-002"))
                .toList();

    assertThat(ofFive).isEqualTo(ofThree);
  }

  @Test
  void shouldInterleaveDevicesAtEachTimeStep() {
    Instant start = Instant.parse("2025-03-01T12:00:00Z");
    TelemetryConfig config =
        TelemetryConfig.defaults(1)
            .withDevices(2)
            .withSamplingInterval(Duration.ofSeconds(30))
            .withStart(start);

    List<TelemetryReading> readings = new TelemetryGenerator(config).next(4);

    assertThat(readings)
        .extracting(r -> r.record().getDeviceId())
        .containsExactly("pump-001", "pump-002", "pump-001", "pump-002");
    assertThat(readings)
        .extracting(r -> r.record().getTimestamp())
        .containsExactly(start, start, start.plusSeconds(30), start.plusSeconds(30));
  }

  @Test
  void shouldKeepEveryChannelInItsDocumentedRangeWithoutAnomalies() {
    TelemetryConfig config =
        TelemetryConfig.defaults(11)
            .withDevices(20)
            .withSamplingInterval(Duration.ofMinutes(5))
            .withAnomalyRate(0);
    List<TelemetryRecord> records =
        new TelemetryGenerator(config)
            .stream().limit(20 * 288 * 3).map(TelemetryReading::record).toList();

    for (TelemetryChannel c : TelemetryChannel.values()) {
      DoubleSummaryStatistics stats = Arrays.stream(channel(records, c)).summaryStatistics();
      assertThat(stats.getMin())
          .as(c + " minimum, " + c.unit())
          .isGreaterThanOrEqualTo(c.normalMin());
      assertThat(stats.getMax()).as(c + " maximum, " + c.unit()).isLessThanOrEqualTo(c.normalMax());
    }
  }

  @Test
  void shouldTieFlowPressureAndPowerToSpeedByTheAffinityLaws() {
    double[] rpm = channel(clean, TelemetryChannel.RPM);

    assertThat(correlation(rpm, channel(clean, TelemetryChannel.FLOW_RATE))).isGreaterThan(0.95);
    assertThat(correlation(rpm, channel(clean, TelemetryChannel.PRESSURE))).isGreaterThan(0.95);
    assertThat(correlation(rpm, channel(clean, TelemetryChannel.POWER))).isGreaterThan(0.95);
    assertThat(correlation(rpm, channel(clean, TelemetryChannel.VIBRATION))).isGreaterThan(0.5);
  }

  @Test
  void shouldMakePowerEqualThreePhaseVoltageTimesCurrentTimesAPlausiblePowerFactor() {
    for (TelemetryRecord r : clean) {
      double apparentKva = Math.sqrt(3) * r.getSupplyVoltage() * r.getMotorCurrent() / 1000;
      double powerFactor = r.getPower() / apparentKva;
      assertThat(powerFactor).isBetween(0.68, 0.90);
    }
    assertThat(
            correlation(
                channel(clean, TelemetryChannel.POWER),
                channel(clean, TelemetryChannel.MOTOR_CURRENT)))
        .isGreaterThan(0.95);
  }

  @Test
  void shouldMakeHumidityFallAsAmbientTemperatureRises() {
    assertThat(
            correlation(
                channel(clean, TelemetryChannel.AMBIENT_TEMPERATURE),
                channel(clean, TelemetryChannel.HUMIDITY)))
        .isLessThan(-0.5);
  }

  @Test
  void shouldRaiseOutletOverInletWithLoad() {
    double[] inlet = channel(clean, TelemetryChannel.INLET_TEMPERATURE);
    double[] outlet = channel(clean, TelemetryChannel.OUTLET_TEMPERATURE);
    double[] rise = new double[inlet.length];
    for (int i = 0; i < rise.length; i++) {
      rise[i] = outlet[i] - inlet[i];
      assertThat(rise[i]).isBetween(-0.5, 5.5);
    }

    assertThat(correlation(rise, channel(clean, TelemetryChannel.RPM))).isGreaterThan(0.8);
  }

  @Test
  void shouldMakeOilTemperatureLagTheLoad() {
    double[] oil = channel(clean, TelemetryChannel.OIL_TEMPERATURE);
    double[] rpm = channel(clean, TelemetryChannel.RPM);

    double oilAfterLoad = laggedCorrelation(oil, rpm, 20);
    double oilBeforeLoad = laggedCorrelation(oil, rpm, -20);

    assertThat(correlation(oil, rpm)).isGreaterThan(0.3);
    assertThat(oilAfterLoad).isGreaterThan(oilBeforeLoad + 0.05);
  }

  @Test
  void shouldFollowADailyAmbientCycle() {
    // Mean ambient at 15:00 UTC is well above the mean at 03:00 UTC over four days.
    double afternoon = 0;
    double night = 0;
    for (int day = 0; day < 4; day++) {
      afternoon += clean.get(day * 1440 + 15 * 60).getAmbientTemperature();
      night += clean.get(day * 1440 + 3 * 60).getAmbientTemperature();
    }
    assertThat((afternoon - night) / 4).isGreaterThan(5);
  }

  @Test
  void shouldInjectAnomaliesAtRoughlyTheConfiguredRate() {
    double rate = 0.02;
    TelemetryConfig config = TelemetryConfig.defaults(5).withDevices(4).withAnomalyRate(rate);
    List<TelemetryReading> readings = new TelemetryGenerator(config).next(40_000);

    long starts = readings.stream().filter(TelemetryReading::anomalyStart).count();
    long eligible = readings.stream().filter(r -> !r.isAnomalous() || r.anomalyStart()).count();
    Map<TelemetryAnomaly, Long> startsByKind = new EnumMap<>(TelemetryAnomaly.class);
    readings.stream()
        .filter(TelemetryReading::anomalyStart)
        .forEach(r -> startsByKind.merge(r.anomaly(), 1L, Long::sum));

    assertThat((double) starts / eligible).isCloseTo(rate, within(rate * 0.2));
    assertThat(startsByKind.keySet())
        .containsExactlyInAnyOrder(
            TelemetryAnomaly.SPIKE,
            TelemetryAnomaly.STUCK_SENSOR,
            TelemetryAnomaly.VIBRATION_BURST);
    assertThat(new TelemetryGenerator(config.withAnomalyRate(0)).stream().limit(5000))
        .noneMatch(TelemetryReading::isAnomalous);
  }

  @Test
  void shouldMakeAnomaliesVisibleInTheAffectedChannel() {
    TelemetryConfig config = TelemetryConfig.defaults(9).withDevices(1).withAnomalyRate(0.05);
    List<TelemetryReading> readings = new TelemetryGenerator(config).next(20_000);
    Map<TelemetryAnomaly, Integer> checked = new EnumMap<>(TelemetryAnomaly.class);
    TelemetryRecord lastNormal = readings.get(0).record();
    TelemetryRecord previous = null;

    for (TelemetryReading r : readings) {
      if (!r.isAnomalous()) {
        lastNormal = r.record();
        previous = r.record();
        continue;
      }
      String field = r.channel().fieldName();
      double value = value(r.record(), field);
      double normal = value(lastNormal, field);
      switch (r.anomaly()) {
        case SPIKE -> assertThat(Math.abs(value - normal)).isGreaterThan(0.3 * Math.abs(normal));
        case STUCK_SENSOR -> assertThat(value).isEqualTo(value(previous, field));
        case VIBRATION_BURST -> assertThat(value).isGreaterThan(2.0 * normal);
        default -> throw new AssertionError("unexpected " + r.anomaly());
      }
      checked.merge(r.anomaly(), 1, Integer::sum);
      previous = r.record();
    }

    assertThat(checked)
        .containsOnlyKeys(
            TelemetryAnomaly.SPIKE,
            TelemetryAnomaly.STUCK_SENSOR,
            TelemetryAnomaly.VIBRATION_BURST);
  }

  private static double value(TelemetryRecord record, String field) {
    return ((Number) record.get(field)).doubleValue();
  }

  @Test
  void shouldRejectInvalidSettingsNamingTheFieldAndValue() {
    TelemetryConfig defaults = TelemetryConfig.defaults(1);

    assertThatThrownBy(() -> defaults.withDevices(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("devices must be between 1 and 100000, got 0");
    assertThatThrownBy(() -> defaults.withAnomalyRate(1.5))
        .hasMessage("anomalyRate must be between 0 and 0.5, got 1.5");
    assertThatThrownBy(() -> defaults.withAnomalyRate(Double.NaN))
        .hasMessageContaining("anomalyRate must be between 0 and 0.5, got NaN");
    assertThatThrownBy(() -> defaults.withSamplingInterval(Duration.ZERO))
        .hasMessageContaining("samplingInterval must be between PT0.001S and P1D, got PT0S");
    assertThatThrownBy(() -> defaults.withSamplingInterval(Duration.ofNanos(1_500_000)))
        .hasMessageContaining("whole milliseconds");
  }
}
