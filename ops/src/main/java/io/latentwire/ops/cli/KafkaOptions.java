package io.latentwire.ops.cli;

import io.latentwire.streams.registry.HttpRegistryConfig;
import io.latentwire.streams.registry.RegistryClientConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Option;

/** The options that say how to reach Kafka: {@code --bootstrap} and {@code --client-config}. */
final class KafkaOptions {
  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers, comma-separated.")
  String bootstrap;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties (security.protocol, sasl.*, ssl.*...); schema.registry.*"
              + " keys (basic.auth.user.info, ssl.truststore.*...) go to the registry client.")
  Path clientConfigFile;

  boolean isSet() {
    return bootstrap != null;
  }

  /**
   * The Kafka client settings: {@code --bootstrap} and the {@code --client-config} file, less its
   * {@code schema.registry.*} keys (those configure the registry client, see {@link
   * #registryConfig(String)}).
   *
   * @param command names the command in the error when {@code --bootstrap} is missing
   */
  Map<String, Object> clientConfig(String command) {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new CliException(command + " needs --bootstrap HOST:PORT");
    }
    Map<String, Object> c = new HashMap<>();
    fileProperties()
        .forEach(
            (k, v) -> {
              if (!RegistryClientConfig.isRegistryKey(k)) {
                c.put(k, v);
              }
            });
    c.put("bootstrap.servers", bootstrap);
    return c;
  }

  /**
   * The Schema Registry client settings: {@code urls} plus the {@code schema.registry.*} keys of
   * the {@code --client-config} file (basic auth, TLS; Confluent's names).
   */
  HttpRegistryConfig registryConfig(String urls) {
    try {
      return RegistryClientConfig.fromProperties(urls, fileProperties());
    } catch (ConfigException | IllegalArgumentException e) {
      throw new CliException(
          (clientConfigFile == null ? "--registry: " : "--client-config " + clientConfigFile + ": ")
              + e.getMessage(),
          e);
    }
  }

  private Map<String, Object> fileProperties() {
    Map<String, Object> c = new HashMap<>();
    if (clientConfigFile == null) {
      return c;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(clientConfigFile)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      throw new CliException("--client-config " + clientConfigFile + " does not exist");
    } catch (IOException e) {
      throw new CliException(
          "cannot read --client-config " + clientConfigFile + ": " + e.getMessage(), e);
    }
    p.forEach((k, v) -> c.put(k.toString().trim(), v.toString().trim()));
    return c;
  }
}
