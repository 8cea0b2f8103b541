package io.latentwire.ops.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A topic to create: name, partition count and topic-level configs (e.g. {@code
 * cleanup.policy=compact}, {@code max.message.bytes}). The replication factor is the cluster's
 * {@code default.replication.factor}.
 *
 * @param name a legal Kafka topic name: 1..249 of {@code [a-zA-Z0-9._-]}, not "." or ".."
 * @param partitions at least 1
 * @param configs topic config overrides, validated by the broker on creation; never null, copied
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

  private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  /**
   * @throws IllegalArgumentException naming the bad field and value
   */
  public TopicSpec {
    Objects.requireNonNull(name, "topic name");
    Objects.requireNonNull(configs, () -> "configs of topic " + name);
    if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(
          "topic name must be 1..249 characters of [a-zA-Z0-9._-] and not '.' or '..', got '"
              + name
              + "'");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "partitions of topic " + name + " must be >= 1, got " + partitions);
    }
    configs.forEach(
        (key, value) -> {
          if (key == null || key.isBlank() || value == null) {
            throw new IllegalArgumentException(
                "config of topic " + name + " has a null or blank entry: " + key + "=" + value);
          }
        });
    configs = Map.copyOf(configs);
  }

  /** A topic with {@code partitions} partitions and the broker's default configs. */
  public static TopicSpec of(String name, int partitions) {
    return new TopicSpec(name, partitions, Map.of());
  }

  /** A copy with one more topic config (replacing an earlier value for the same key). */
  public TopicSpec withConfig(String key, String value) {
    Map<String, String> merged = new LinkedHashMap<>(configs);
    merged.put(key, value);
    return new TopicSpec(name, partitions, merged);
  }
}
