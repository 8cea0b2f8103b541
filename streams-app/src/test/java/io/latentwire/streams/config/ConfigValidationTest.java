package io.latentwire.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad configuration fails at start-up naming the key and what is allowed. */
class ConfigValidationTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "http.port; 70000; 65535",
        "http.port; -1; 0",
        "http.port; eighty; INT",
        "http.host; ''; non-empty",
        "metrics.reconstruction.sample.every; -5; 0",
        "onnx.cpu.fallback; maybe; true, false",
        "onnx.allow.spinning; sometimes; true, false",
        "onnx.intra.op.threads; 0; at least 1",
        "error.policy; retry; CONTINUE, FAIL",
        "onnx.execution.provider; tpu; CPU, CUDA"
      })
  void shouldNameTheKeyAndTheAllowedValuesOfABadValue(String key, String value, String allowed) {
    Map<String, Object> m = LatentwireConfigTest.minimal();
    m.put(key, value);
    assertThatThrownBy(() -> new LatentwireConfig(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(value)
        .satisfies(
            e -> {
              // Every allowed value is named, in whatever order the validator lists them.
              for (String each : allowed.split(", ")) {
                assertThat(e.getMessage()).contains(each);
              }
            });
  }

  @Test
  void shouldNameABadKafkaStreamsKeyAndItsAllowedValuesAtStartUp() {
    Map<String, Object> m = LatentwireConfigTest.minimal();
    m.put("processing.guarantee", "twice");
    LatentwireConfig c = new LatentwireConfig(m);
    assertThatThrownBy(() -> c.streamsConfig("app"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("processing.guarantee")
        .hasMessageContaining("exactly_once_v2");
  }

  @Test
  void shouldDefaultToAHealthServerOnLoopbackPort8080AndSamplingEvery100() {
    LatentwireConfig c = new LatentwireConfig(LatentwireConfigTest.minimal());
    assertThat(c.httpHost()).isEqualTo("127.0.0.1");
    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.reconstructionSampleEvery()).isEqualTo(100);
    assertThat(c.inferenceOptions().allowSpinning()).isFalse();
    assertThat(c.streamsProperties("app")).doesNotContainKeys("http.port", "http.host");
  }

  @Test
  void shouldLetAnEnvironmentVariableOverrideAMetricsKeyOfTheFile(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("app.properties");
    Files.writeString(
        f,
        "topic=images\nbootstrap.servers=127.0.0.1:9092\nschema.registry.url=http://r\n"
            + "model.path=a.lwm\nmetrics.reconstruction.sample.every=10\nhttp.port=9100\n");
    LatentwireConfig c =
        LatentwireConfig.load(
            f,
            Map.of(
                "LATENTWIRE_METRICS_RECONSTRUCTION_SAMPLE_EVERY",
                "7",
                "LATENTWIRE_HTTP_PORT",
                "0"));
    assertThat(c.reconstructionSampleEvery()).isEqualTo(7);
    assertThat(c.httpPort()).isZero();
  }

  @Test
  void shouldRejectABadValueComingFromTheEnvironmentNamingTheKey(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("app.properties");
    Files.writeString(
        f, "topic=images\nbootstrap.servers=b:9092\nschema.registry.url=http://r\nmodel.path=a\n");
    assertThatThrownBy(
            () ->
                LatentwireConfig.load(
                    f, Map.of("LATENTWIRE_METRICS_RECONSTRUCTION_SAMPLE_EVERY", "often")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("metrics.reconstruction.sample.every");
  }

  @Test
  void shouldNameTheEnvironmentVariableOfAKey() {
    assertThat(LatentwireConfig.environmentVariable("metrics.reconstruction.sample.every"))
        .isEqualTo("LATENTWIRE_METRICS_RECONSTRUCTION_SAMPLE_EVERY");
    assertThat(
            LatentwireConfig.environmentOverrides(
                Map.of(LatentwireConfig.environmentVariable("http.port"), "1")))
        .containsEntry("http.port", "1");
  }
}
