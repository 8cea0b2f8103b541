package io.latentwire.streams.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Applies a {@link CompatibilityLevel} to a candidate schema and earlier versions, with Avro's own
 * reader/writer resolution rules ({@link SchemaCompatibility}), as Confluent Schema Registry does.
 */
public final class AvroCompatibilityChecker {

  private AvroCompatibilityChecker() {}

  /**
   * Lists why {@code candidate} breaks {@code level} against earlier versions.
   *
   * @param level the rule to apply; {@link CompatibilityLevel#NONE} accepts everything
   * @param candidate the schema about to be registered
   * @param earlier the versions to check against, oldest first; a non-transitive level checks only
   *     the last one
   * @return one message per incompatibility, in Confluent's verbose style; empty when compatible
   */
  public static List<String> incompatibilities(
      CompatibilityLevel level, Schema candidate, List<RegisteredSchema> earlier) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(earlier, "earlier");
    if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
      return List.of();
    }
    List<RegisteredSchema> against =
        level.isTransitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
    List<String> problems = new ArrayList<>();
    for (RegisteredSchema old : against) {
      if (level.checksBackward()) {
        // BACKWARD: consumers on the new schema read data written with the old one.
        collect(
            SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema()),
            "BACKWARD",
            old.version(),
            problems);
      }
      if (level.checksForward()) {
        // FORWARD: consumers still on the old schema read data written with the new one.
        collect(
            SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate),
            "FORWARD",
            old.version(),
            problems);
      }
    }
    return problems;
  }

  private static void collect(
      SchemaPairCompatibility result, String direction, int oldVersion, List<String> problems) {
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
      problems.add(
          "{errorType:'"
              + incompatibility.getType()
              + "', description:'"
              + incompatibility.getMessage()
              + "', location:'"
              + incompatibility.getLocation()
              + "', oldSchemaVersion: "
              + oldVersion
              + ", direction: '"
              + direction
              + "'}");
    }
  }
}
