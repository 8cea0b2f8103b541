package io.latentwire.ops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
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
      description = "Kafka client properties (security.protocol, sasl.*, ssl.*...).")
  Path clientConfigFile;

  boolean isSet() {
    return bootstrap != null;
  }

  /**
   * The client settings.
   *
   * @param command names the command in the error when {@code --bootstrap} is missing
   */
  Map<String, Object> clientConfig(String command) {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new CliException(command + " needs --bootstrap HOST:PORT");
    }
    Map<String, Object> c = new HashMap<>();
    if (clientConfigFile != null) {
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
    }
    c.put("bootstrap.servers", bootstrap);
    return c;
  }
}
