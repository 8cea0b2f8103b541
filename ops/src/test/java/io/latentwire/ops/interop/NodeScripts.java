package io.latentwire.ops.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the Node.js interop scripts in {@code ops/interop/node/} (kafkajs, Confluent's
 * {@code @confluentinc/schemaregistry} and {@code @kafkajs/confluent-schema-registry}). Each script
 * prints JSON lines on stdout; this parses them.
 *
 * <p>Needs {@code node}, {@code npm} and the folder's {@code node_modules} ({@code npm ci} there,
 * which {@code ops/scripts/test-all} runs); skips (or fails, when required) the calling test
 * without them.
 */
public final class NodeScripts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path node;
  private final Path directory;

  private NodeScripts(Path node, Path directory) {
    this.node = node;
    this.directory = directory;
  }

  /** The scripts folder of this module, checked for node, npm and installed node_modules. */
  public static NodeScripts require() {
    Path directory =
        Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("interop/node");
    Path node = ExternalProcess.onPath("node");
    InteropTools.require(node != null, "node is not on the PATH (Node.js 18 or later)");
    InteropTools.require(
        ExternalProcess.onPath("npm") != null, "npm is not on the PATH (it installs the clients)");
    InteropTools.require(
        Files.isDirectory(directory.resolve("node_modules/kafkajs"))
            && Files.isDirectory(directory.resolve("node_modules/@confluentinc/schemaregistry"))
            && Files.isDirectory(
                directory.resolve("node_modules/@kafkajs/confluent-schema-registry")),
        "the npm clients are not installed in "
            + directory
            + " (run: npm ci --prefix "
            + directory
            + ")");
    return new NodeScripts(node, directory);
  }

  /**
   * Runs {@code script} with {@code args} and parses every stdout line as JSON.
   *
   * @throws AssertionError when the script fails or runs past {@code timeout}; the message holds
   *     its stderr
   */
  public List<JsonNode> run(String script, List<String> args, Duration timeout) {
    List<String> command = new ArrayList<>(List.of(node.toString(), script));
    command.addAll(args);
    ExternalProcess.Result result =
        ExternalProcess.run(
                command, directory, Map.of("KAFKAJS_NO_PARTITIONER_WARNING", "1"), timeout)
            .requireSuccess();
    List<JsonNode> out = new ArrayList<>();
    for (String line : result.lines()) {
      try {
        out.add(JSON.readTree(line));
      } catch (IOException e) {
        throw new AssertionError(
            script + " printed a line that is not JSON: " + line + "\nstderr:\n" + result.stderr(),
            e);
      }
    }
    return out;
  }

  /** Writes JSON lines to a file for a script to read. */
  public static void writeJsonLines(Path file, List<? extends JsonNode> lines) {
    StringBuilder sb = new StringBuilder();
    try {
      for (JsonNode n : lines) {
        sb.append(JSON.writeValueAsString(n)).append('\n');
      }
      Files.writeString(file, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh JSON object node. */
  public static com.fasterxml.jackson.databind.node.ObjectNode object() {
    return JSON.createObjectNode();
  }
}
