package io.latentwire.ops.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.registry.SchemaRegistryException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Schema Registry client's security settings, given the way an app gets them (Confluent's
 * {@code schema.registry.*} keys in its config), against the embedded registry over HTTPS (with and
 * without client certificates) and with HTTP basic auth. Certificates are made with the JDK's
 * keytool.
 */
class RegistrySecurityTest {
  static final Schema SCHEMA =
      SchemaBuilder.record("Reading").namespace("test.tls").fields().requiredFloat("a").endRecord();

  @TempDir static Path dir;
  static SSLContext serverTls;

  @BeforeAll
  static void makeCertificates() throws Exception {
    keypair("server", "server-pw", "CN=127.0.0.1", "SAN=ip:127.0.0.1");
    keypair("client", "client-pw", "CN=latentwire-client", null);
    exportCertificate("server", "server-pw");
    exportCertificate("client", "client-pw");
    trust("client-trust", "trust-pw", "server");
    trust("server-trust", "server-trust-pw", "client");
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(load("server.p12", "server-pw"), "server-pw".toCharArray());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(load("server-trust.p12", "server-trust-pw"));
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
  }

  /** An app config (as `latentwire run` loads it) pointing at {@code url}, plus {@code extra}. */
  static HttpSchemaRegistryClient clientFromAppConfig(String url, Map<String, String> extra) {
    Map<String, Object> c = new HashMap<>();
    c.put("topic", "t");
    c.put("bootstrap.servers", "127.0.0.1:9092");
    c.put("model.path", "m.lwm");
    c.put("schema.registry.url", url);
    c.putAll(extra);
    return new HttpSchemaRegistryClient(new LatentwireConfig(c).registryConfig());
  }

  static Map<String, String> trusting() {
    return Map.of(
        "schema.registry.ssl.truststore.location", dir.resolve("client-trust.p12").toString(),
        "schema.registry.ssl.truststore.password", "trust-pw",
        "schema.registry.ssl.truststore.type", "PKCS12");
  }

  @Test
  void shouldRegisterOverHttpsWhenTheTrustStoreHoldsTheRegistryCertificate() {
    try (EmbeddedSchemaRegistry registry =
        EmbeddedSchemaRegistry.builder().tls(serverTls, false).start()) {
      assertThat(registry.url()).startsWith("https://127.0.0.1:");
      HttpSchemaRegistryClient client = clientFromAppConfig(registry.url(), trusting());
      int id = client.register("t-value", SCHEMA);
      assertThat(client.getById(id)).isEqualTo(SCHEMA);
    }
  }

  @Test
  void shouldNameTheTrustStoreKeysWhenTheRegistryCertificateIsNotTrusted() {
    try (EmbeddedSchemaRegistry registry =
        EmbeddedSchemaRegistry.builder().tls(serverTls, false).start()) {
      HttpSchemaRegistryClient client = clientFromAppConfig(registry.url(), Map.of());
      assertThatThrownBy(() -> client.register("t-value", SCHEMA))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("TLS handshake failed")
          .hasMessageContaining("schema.registry.ssl.truststore");
    }
  }

  @Test
  void shouldPresentTheClientCertificateToARegistryRequiringMutualTls() {
    try (EmbeddedSchemaRegistry registry =
        EmbeddedSchemaRegistry.builder().tls(serverTls, true).start()) {
      Map<String, String> mutual = new HashMap<>(trusting());
      mutual.put("schema.registry.ssl.keystore.location", dir.resolve("client.p12").toString());
      mutual.put("schema.registry.ssl.keystore.password", "client-pw");
      mutual.put("schema.registry.ssl.keystore.type", "PKCS12");
      assertThat(clientFromAppConfig(registry.url(), mutual).register("t-value", SCHEMA))
          .isPositive();
      HttpSchemaRegistryClient anonymous = clientFromAppConfig(registry.url(), trusting());
      assertThatThrownBy(() -> anonymous.register("t-value", SCHEMA))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("no response");
    }
  }

  @Test
  void shouldNameTheSettingWhenTheTrustStorePasswordIsWrong() {
    Map<String, String> wrong = new HashMap<>(trusting());
    wrong.put("schema.registry.ssl.truststore.password", "not-it");
    assertThatThrownBy(() -> clientFromAppConfig("https://127.0.0.1:1", wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema.registry.ssl.truststore")
        .hasMessageContaining("client-trust.p12")
        .hasMessageNotContaining("not-it");
  }

  @Test
  void shouldAuthenticateWithTheUserInfoOfTheAppConfig() {
    try (EmbeddedSchemaRegistry registry =
        EmbeddedSchemaRegistry.builder().basicAuth("sr-user", "sr-secret").start()) {
      HttpSchemaRegistryClient authorized =
          clientFromAppConfig(
              registry.url(), Map.of("schema.registry.basic.auth.user.info", "sr-user:sr-secret"));
      assertThat(authorized.register("t-value", SCHEMA)).isPositive();

      HttpSchemaRegistryClient anonymous = clientFromAppConfig(registry.url(), Map.of());
      assertThatThrownBy(() -> anonymous.register("t-value", SCHEMA))
          .isInstanceOf(SchemaRegistryException.class)
          .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(401));
      HttpSchemaRegistryClient wrong =
          clientFromAppConfig(
              registry.url(), Map.of("schema.registry.basic.auth.user.info", "sr-user:nope"));
      assertThatThrownBy(() -> wrong.register("t-value", SCHEMA))
          .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(401));
    }
  }

  // --- certificates with keytool ----------------------------------------------------------------

  static void keypair(String name, String password, String dname, String extension)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                dname,
                "-validity",
                "2",
                "-keystore",
                dir.resolve(name + ".p12").toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password,
                "-keypass",
                password));
    if (extension != null) {
      args.addAll(List.of("-ext", extension));
    }
    keytool(args);
  }

  static void exportCertificate(String name, String password) throws Exception {
    keytool(
        List.of(
            "-exportcert",
            "-alias",
            name,
            "-keystore",
            dir.resolve(name + ".p12").toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            password,
            "-file",
            dir.resolve(name + ".crt").toString()));
  }

  static void trust(String store, String password, String certificate) throws Exception {
    keytool(
        List.of(
            "-importcert",
            "-noprompt",
            "-alias",
            certificate,
            "-file",
            dir.resolve(certificate + ".crt").toString(),
            "-keystore",
            dir.resolve(store + ".p12").toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            password));
  }

  static void keytool(List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("keytool %s: %s", args.get(0), output).isZero();
  }

  static KeyStore load(String file, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(file))) {
      ks.load(in, password.toCharArray());
    }
    return ks;
  }
}
