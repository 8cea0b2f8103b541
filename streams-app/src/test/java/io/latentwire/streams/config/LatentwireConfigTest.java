package io.latentwire.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.onnx.ExecutionProvider;
import io.latentwire.streams.batch.BatchSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentwireConfigTest {
  static Map<String, Object> minimal() {
    Map<String, Object> m = new HashMap<>();
    m.put("topic", "images");
    m.put("bootstrap.servers", "127.0.0.1:9092");
    m.put("schema.registry.url", "http://127.0.0.1:8081");
    m.put("model.path", "m.lwm");
    return m;
  }

  @Test
  void shouldDeriveTopicNamesFromTheBaseTopic() {
    LatentwireConfig c = new LatentwireConfig(minimal());
    assertThat(c.latentTopic()).isEqualTo("images.latent");
    assertThat(c.reconstructedTopic()).isEqualTo("images.reconstructed");
    assertThat(c.dlqTopic("images")).isEqualTo("images.dlq");
    assertThat(c.errorPolicy()).isEqualTo(LatentwireConfig.ErrorPolicy.CONTINUE);
    assertThat(c.inferenceOptions().provider()).isEqualTo(ExecutionProvider.CPU);
  }

  @Test
  void shouldDefaultToExactlyOnceAndPassKafkaKeysThrough() {
    Map<String, Object> m = minimal();
    m.put("commit.interval.ms", "250");
    var p = new LatentwireConfig(m).streamsProperties("app");
    assertThat(p).containsEntry("processing.guarantee", "exactly_once_v2");
    assertThat(p).containsEntry("commit.interval.ms", "250");
    assertThat(p).containsEntry("application.id", "app");
    assertThat(p).doesNotContainKey("model.path");
  }

  @Test
  void shouldNameTheKeyAndTheAllowedValuesOfABadSetting() {
    Map<String, Object> m = minimal();
    m.put("onnx.execution.provider", "tpu");
    assertThatThrownBy(() -> new LatentwireConfig(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("onnx.execution.provider")
        .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("cpu", "cuda"));
  }

  @Test
  void shouldNameAMissingRequiredKey() {
    Map<String, Object> m = minimal();
    m.remove("topic");
    assertThatThrownBy(() -> new LatentwireConfig(m)).hasMessageContaining("topic");
  }

  @Test
  void shouldNameModelPathWhenAnEncoderNeedsItAndItIsNotSet() {
    Map<String, Object> m = minimal();
    m.remove("model.path");
    LatentwireConfig c = new LatentwireConfig(m);
    assertThat(c.modelPathIfSet()).isEmpty();
    assertThatThrownBy(c::modelPath).hasMessageContaining("model.path is required");
  }

  @Test
  void shouldLetEnvironmentVariablesOverrideTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("app.properties");
    Files.writeString(
        f,
        "topic=images\nbootstrap.servers=127.0.0.1:9092\nschema.registry.url=http://r\nmodel.path=a.lwm\n");
    LatentwireConfig c =
        LatentwireConfig.load(f, Map.of("LATENTWIRE_MODEL_PATH", "b.lwm", "HOME", "/x"));
    assertThat(c.modelPath()).isEqualTo(Path.of("b.lwm"));
  }

  @Test
  void shouldNameAMissingConfigFile(@TempDir Path dir) {
    assertThatThrownBy(() -> LatentwireConfig.load(dir.resolve("nope.properties"), Map.of()))
        .hasMessageContaining("nope.properties does not exist");
  }

  @Test
  void shouldBatchSixtyFourRecordsLingeringOneCommitIntervalByDefault() {
    BatchSettings b = new LatentwireConfig(minimal()).batchSettings();
    assertThat(b.size()).isEqualTo(64);
    assertThat(b.linger()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void shouldNameTheBatchSizeKeyAndItsRangeWhenOutOfRange() {
    Map<String, Object> m = minimal();
    m.put("inference.batch.size", "0");
    assertThatThrownBy(() -> new LatentwireConfig(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("inference.batch.size")
        .hasMessageContaining("at least 1");
    m.put("inference.batch.size", "20000");
    assertThatThrownBy(() -> new LatentwireConfig(m)).hasMessageContaining("no more than 16384");
    m.put("inference.batch.size", "8");
    m.put("inference.batch.linger.ms", "-1");
    assertThatThrownBy(() -> new LatentwireConfig(m))
        .hasMessageContaining("inference.batch.linger.ms");
  }

  @Test
  void shouldTakeBatchSettingsFromTheEnvironmentAndLeaveTheProducersBatchSizeAlone(
      @TempDir Path dir) throws Exception {
    Path f = dir.resolve("app.properties");
    Files.writeString(
        f,
        "topic=t\nbootstrap.servers=127.0.0.1:9092\nschema.registry.url=http://r\n"
            + "model.path=a.lwm\nbatch.size=65536\n");
    LatentwireConfig c =
        LatentwireConfig.load(
            f,
            Map.of(
                "LATENTWIRE_INFERENCE_BATCH_SIZE",
                "1",
                "LATENTWIRE_INFERENCE_BATCH_LINGER_MS",
                "0"));
    assertThat(c.batchSettings()).isEqualTo(BatchSettings.perRecord());
    // Kafka's producer key keeps its meaning (bytes per producer batch).
    assertThat(c.streamsProperties("app")).containsEntry("batch.size", "65536");
    assertThat(c.streamsProperties("app")).doesNotContainKey("inference.batch.size");
  }
}
