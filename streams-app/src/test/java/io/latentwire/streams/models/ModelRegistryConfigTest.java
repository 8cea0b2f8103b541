package io.latentwire.streams.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.streams.config.LatentwireConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ModelRegistryConfigTest {
  static Map<String, Object> app() {
    Map<String, Object> m = new HashMap<>();
    m.put("topic", "t");
    m.put("bootstrap.servers", "127.0.0.1:9092");
    m.put("schema.registry.url", "http://127.0.0.1:8081");
    m.put("model.path", "m.lwm");
    return m;
  }

  @Test
  void shouldDefaultToTheSharedTopicUnsignedAllowedAndDeadLetter() {
    ModelRegistryConfig c = new LatentwireConfig(app()).modelRegistryConfig();
    assertThat(c.topic()).isEqualTo("latentwire.models");
    assertThat(c.requireSignature()).isFalse();
    assertThat(c.unknownPolicy()).isEqualTo(UnknownModelPolicy.DEAD_LETTER);
    assertThat(c.maxOpenCodecs()).isEqualTo(8);
  }

  @Test
  void shouldReadEveryModelsSettingFromTheAppConfig() {
    Map<String, Object> m = app();
    m.put("models.topic", "m2");
    m.put(
        "models.trusted.keys",
        "ops:" + Ed25519Keys.publicKeyBase64(Ed25519Keys.generate().getPublic()));
    m.put("models.require.signature", "true");
    m.put("models.unknown.policy", "wait");
    m.put("models.wait.timeout.ms", "1500");
    m.put("models.cache.max.codecs", "3");
    ModelRegistryConfig c = new LatentwireConfig(m).modelRegistryConfig();
    assertThat(c.topic()).isEqualTo("m2");
    assertThat(c.trustedKeys().keyIds()).containsExactly("ops");
    assertThat(c.requireSignature()).isTrue();
    assertThat(c.unknownPolicy()).isEqualTo(UnknownModelPolicy.WAIT);
    assertThat(c.waitTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.maxOpenCodecs()).isEqualTo(3);
    assertThat(new LatentwireConfig(m).streamsProperties("x")).doesNotContainKey("models.topic");
  }

  @Test
  void shouldGivePlainClientsTheBootstrapAndSecuritySettingsOnly() {
    Map<String, Object> m = app();
    m.put("security.protocol", "SASL_SSL");
    m.put("sasl.mechanism", "PLAIN");
    m.put("commit.interval.ms", "100");
    assertThat(new LatentwireConfig(m).kafkaClientConfig())
        .containsOnlyKeys("bootstrap.servers", "security.protocol", "sasl.mechanism")
        .containsEntry("bootstrap.servers", "127.0.0.1:9092");
  }

  @Test
  void shouldListTheAllowedPoliciesForABadOne() {
    Map<String, Object> m = app();
    m.put("models.unknown.policy", "retry");
    assertThatThrownBy(() -> new LatentwireConfig(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("models.unknown.policy")
        .hasMessageContaining("DEAD_LETTER")
        .hasMessageContaining("WAIT");
  }

  @Test
  void shouldRefuseABadTrustedKeyAtStartUpNamingTheSetting() {
    Map<String, Object> m = app();
    m.put("models.trusted.keys", "ops:bm90IGEga2V5");
    assertThatThrownBy(() -> new LatentwireConfig(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("models.trusted.keys");
  }

  @Test
  void shouldRefuseRequiringSignaturesWithoutAnyTrustedKey() {
    Map<String, Object> m = app();
    m.put("models.require.signature", "true");
    LatentwireConfig c = new LatentwireConfig(m);
    assertThatThrownBy(c::modelRegistryConfig)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("models.require.signature=true")
        .hasMessageContaining("models.trusted.keys");
  }
}
