package io.latentwire.streams.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A subject's compatibility rule, with the names and meaning of Confluent Schema Registry.
 *
 * <p>BACKWARD: the new schema can read data written with the previous one. FORWARD: the previous
 * schema can read data written with the new one. FULL: both. The {@code _TRANSITIVE} forms check
 * against every earlier version instead of only the latest one.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** True when the new schema must be able to read data written with the old ones. */
  public boolean checksBackward() {
    return backward;
  }

  /** True when the old schemas must be able to read data written with the new one. */
  public boolean checksForward() {
    return forward;
  }

  /** True when every earlier version is checked, not only the latest. */
  public boolean isTransitive() {
    return transitive;
  }

  /**
   * Parses a level name, ignoring case and surrounding blanks (Confluent accepts {@code
   * "backward"}).
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static CompatibilityLevel parse(String name) {
    if (name != null) {
      String wanted = name.trim().toUpperCase(Locale.ROOT);
      for (CompatibilityLevel level : values()) {
        if (level.name().equals(wanted)) {
          return level;
        }
      }
    }
    throw new IllegalArgumentException(
        "Invalid compatibility level '" + name + "'. Allowed values: " + allowedNames());
  }

  /** The allowed names, comma separated, for error messages. */
  public static String allowedNames() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
