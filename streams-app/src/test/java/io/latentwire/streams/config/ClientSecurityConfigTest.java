package io.latentwire.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.streams.registry.HttpRegistryConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.registry.RegistryClientConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security settings: Kafka's reach every client, the registry's reach the registry client. */
class ClientSecurityConfigTest {
  static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\""
          + " password=\"p\";";

  static Map<String, Object> secured() {
    Map<String, Object> m = LatentwireConfigTest.minimal();
    m.put("security.protocol", "SASL_SSL");
    m.put("sasl.mechanism", "SCRAM-SHA-512");
    m.put("sasl.jaas.config", JAAS);
    m.put("ssl.truststore.location", "/etc/kafka/truststore.jks");
    m.put("schema.registry.basic.auth.user.info", "sr:secret");
    m.put("schema.registry.ssl.truststore.location", "/etc/sr/truststore.p12");
    m.put("schema.registry.ssl.truststore.type", "PKCS12");
    return m;
  }

  @Test
  void shouldPassKafkaSecuritySettingsToKafkaStreamsAndToPlainClients() {
    LatentwireConfig c = new LatentwireConfig(secured());
    var streams = c.streamsProperties("app");
    assertThat(streams)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks");
    assertThat(c.kafkaClientConfig())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
        .containsEntry("bootstrap.servers", "127.0.0.1:9092");
    // The admin client Kafka Streams makes (and the start-up check uses) carries them too.
    assertThat(c.streamsConfig("app").getAdminConfigs("check"))
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
  }

  @Test
  void shouldKeepSchemaRegistryKeysAwayFromKafka() {
    LatentwireConfig c = new LatentwireConfig(secured());
    assertThat(c.streamsProperties("app").keySet())
        .noneMatch(k -> k.toString().startsWith("schema.registry."));
    assertThat(c.kafkaClientConfig().keySet()).noneMatch(k -> k.startsWith("schema.registry."));
  }

  @Test
  void shouldBuildTheRegistryClientSettingsFromConfluentsKeys() {
    HttpRegistryConfig r = new LatentwireConfig(secured()).registryConfig();
    assertThat(r.basicAuth()).contains("sr:secret");
    assertThat(r.tls()).isNotNull();
    assertThat(r.tls().truststore()).isEqualTo(Path.of("/etc/sr/truststore.p12"));
    assertThat(r.tls().truststoreType()).isEqualTo("PKCS12");
    assertThat(r.tls().keystore()).isNull();
    assertThat(r.toString()).doesNotContain("secret");
  }

  @Test
  void shouldUseNoTlsSettingsWhenNoStoreIsGiven() {
    HttpRegistryConfig r = new LatentwireConfig(LatentwireConfigTest.minimal()).registryConfig();
    assertThat(r.tls()).isNull();
    assertThat(r.basicAuth()).isEmpty();
  }

  @Test
  void shouldNameTheKeyOfUserInfoWithoutAColon() {
    Map<String, Object> m = LatentwireConfigTest.minimal();
    m.put("schema.registry.basic.auth.user.info", "just-a-user");
    assertThatThrownBy(() -> new LatentwireConfig(m).registryConfig())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.basic.auth.user.info")
        .hasMessageContaining("user:password")
        .hasMessageNotContaining("just-a-user");
  }

  @Test
  void shouldNameTheKeyOfATrustStoreThatDoesNotExist(@TempDir Path dir) {
    Map<String, Object> m = LatentwireConfigTest.minimal();
    m.put("schema.registry.ssl.truststore.location", dir.resolve("none.p12").toString());
    HttpRegistryConfig r = new LatentwireConfig(m).registryConfig();
    assertThatThrownBy(() -> new HttpSchemaRegistryClient(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema.registry.ssl.truststore.location")
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldReadRegistryKeysOfAToolsClientConfigAndRefuseUnknownOnes() {
    HttpRegistryConfig r =
        RegistryClientConfig.fromProperties(
            "http://127.0.0.1:8081",
            Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "schema.registry.basic.auth.user.info", "sr:secret"));
    assertThat(r.basicAuth()).contains("sr:secret");
    assertThatThrownBy(
            () ->
                RegistryClientConfig.fromProperties(
                    "http://127.0.0.1:8081", Map.of("schema.registry.ssl.trustore.location", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.ssl.trustore.location")
        .hasMessageContaining("schema.registry.ssl.truststore.location");
  }
}
