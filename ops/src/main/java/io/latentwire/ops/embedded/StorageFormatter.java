package io.latentwire.ops.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft storage directory exactly as {@code bin/kafka-storage.sh format --standalone}
 * does.
 *
 * <p>It goes through {@link StorageTool#execute(String[], PrintStream)}, the command line entry
 * point, rather than {@code org.apache.kafka.metadata.storage.Formatter}: the command line is
 * Kafka's public contract, the Formatter class is internal and changes between releases.
 */
final class StorageFormatter {

  private static final Logger LOG = LoggerFactory.getLogger(StorageFormatter.class);

  private StorageFormatter() {}

  /**
   * Writes {@code props} to {@code configFile} and formats the directories it names.
   *
   * @throws EmbeddedBrokerException if the file cannot be written or the tool refuses; the message
   *     carries the tool's own output
   */
  static void format(Properties props, Path configFile, String clusterId) {
    writeConfig(props, configFile);
    String[] args = {
      "format", "--config", configFile.toString(), "--cluster-id", clusterId, "--standalone"
    };
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exitCode = StorageTool.execute(args, out);
    } catch (RuntimeException e) {
      throw new EmbeddedBrokerException(
          "kafka-storage format failed for "
              + configFile
              + ": "
              + e.getMessage()
              + describe(output),
          e);
    }
    if (exitCode != 0) {
      throw new EmbeddedBrokerException(
          "kafka-storage format exited with " + exitCode + " for " + configFile + describe(output));
    }
    LOG.debug("kafka-storage format: {}", output.toString(StandardCharsets.UTF_8).trim());
  }

  private static void writeConfig(Properties props, Path configFile) {
    try (OutputStream out = Files.newOutputStream(configFile)) {
      props.store(out, "embedded KRaft node, written by " + EmbeddedKafkaBroker.class.getName());
    } catch (IOException e) {
      throw new EmbeddedBrokerException("cannot write broker config " + configFile, e);
    }
  }

  private static String describe(ByteArrayOutputStream output) {
    String text = output.toString(StandardCharsets.UTF_8).trim();
    return text.isEmpty() ? "" : "; tool output: " + text;
  }
}
