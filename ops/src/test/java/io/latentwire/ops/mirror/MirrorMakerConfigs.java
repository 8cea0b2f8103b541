package io.latentwire.ops.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The committed MirrorMaker 2 configuration ({@code ops/mirror/mm2.properties}) and the few changes
 * the tests make to run it on two single-node clusters on 127.0.0.1.
 */
final class MirrorMakerConfigs {
  /** The committed configuration file of this module. */
  static final Path MM2_FILE = moduleDir().resolve("mirror/mm2.properties");

  /** The committed decoder configuration for site B. */
  static final Path DECODER_B_FILE = moduleDir().resolve("mirror/decoder-site-b.properties");

  private MirrorMakerConfigs() {}

  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  }

  /** A properties file as a sorted map, values trimmed as Kafka's own loader leaves them. */
  static Map<String, String> load(Path file) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, String> m = new TreeMap<>();
    p.forEach((k, v) -> m.put(k.toString(), v.toString().trim()));
    return m;
  }

  /**
   * The committed config pointed at two local clusters: their addresses, and replication factor 1
   * wherever the file asks for more (a single-node cluster cannot hold more replicas). Nothing else
   * changes.
   */
  static Map<String, String> forLocalClusters(Map<String, String> committed, String a, String b) {
    Map<String, String> m = new TreeMap<>(committed);
    m.put("A.bootstrap.servers", a);
    m.put("B.bootstrap.servers", b);
    m.replaceAll((k, v) -> k.endsWith("replication.factor") ? "1" : v);
    return m;
  }

  /**
   * The comparison flow: the same settings (consumer, producer compression, batching) under the
   * source alias {@code newAlias}, mirroring {@code topicsRegex} instead. Run as a separate
   * MirrorMaker so the committed flow is untouched; the other alias keeps its internal topics and
   * group apart.
   */
  static Map<String, String> renamedSource(
      Map<String, String> config, String newAlias, String topicsRegex) {
    Map<String, String> m = new TreeMap<>();
    config.forEach(
        (k, v) -> {
          String key = k;
          if (k.startsWith("A->")) {
            key = newAlias + k.substring(1);
          } else if (k.startsWith("A.")) {
            key = newAlias + k.substring(1);
          } else if (k.startsWith("B->A.")) {
            key = "B->" + newAlias + k.substring("B->A".length());
          }
          m.put(key, v);
        });
    m.put("clusters", newAlias + ", B");
    m.put(newAlias + "->B.topics", topicsRegex);
    return m;
  }
}
