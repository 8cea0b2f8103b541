package io.latentwire.streams.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * A complete Schema Registry held in memory, with the semantics of Confluent's server: ids are
 * registry-wide and start at 1, the same schema under another subject gets the same id, versions
 * start at 1 per subject, registration is checked against the subject's compatibility level
 * (default {@link CompatibilityLevel#BACKWARD}), and failures carry Confluent's HTTP status and
 * {@code error_code}.
 *
 * <p><b>Schema identity.</b> Two schemas are the same schema (same id, no new version) when their
 * parsed forms print the same {@link Schema#toString()}: whitespace, JSON key order and escaping do
 * not matter, but names, docs, defaults, aliases, logical types and custom properties do. This is
 * what Confluent does when normalization is off. Avro's Parsing Canonical Form is deliberately not
 * the identity: it drops defaults and logical types, which change how data is read back.
 *
 * <p>Used directly by topology tests (no HTTP), and as the store behind the embedded registry
 * server of the ops module, which maps its exceptions onto HTTP responses. Thread-safe: every
 * method is synchronized. Deleting a subject removes it at once (Confluent's soft and permanent
 * deletes in one step); schema ids stay readable by id, and a later registration under the same
 * subject starts again at version 1.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private static final String WHERE = "in-memory:";

  /** A subject's version: its number, the schema id, and the identity key of the schema. */
  private record Version(int version, int id, String identity) {}

  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, Integer> idsByIdentity = new HashMap<>();
  private final TreeMap<String, List<Version>> subjects = new TreeMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
  private int nextId = 1;

  /** An empty registry with global compatibility {@link CompatibilityLevel#BACKWARD}. */
  public InMemorySchemaRegistryClient() {}

  /**
   * A schema compared by instance. Schema.equals ignores docs, which are part of the identity, so
   * the printed form may only be reused for the very same instance.
   */
  private record SameInstance(Schema schema) {
    @Override
    public boolean equals(Object other) {
      return other instanceof SameInstance that && that.schema == schema;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(schema);
    }
  }

  // Serializers call register/lookupId once per record with the same schema instance: printing
  // it every time would dominate.
  private final LruCache<SameInstance, String> identities = new LruCache<>(1000);

  /** The identity key of a schema; see the class comment. */
  private String identity(Schema schema) {
    SameInstance key = new SameInstance(schema);
    String identity = identities.get(key);
    if (identity == null) {
      identity = schema.toString();
      identities.put(key, identity);
    }
    return identity;
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    String where = "POST " + WHERE + "/subjects/" + subject + "/versions";
    validateSubject(subject, where);
    Objects.requireNonNull(schema, "schema");
    String identity = identity(schema);
    List<Version> versions = subjects.getOrDefault(subject, List.of());
    for (Version version : versions) {
      if (version.identity().equals(identity)) {
        return version.id();
      }
    }
    List<String> problems =
        AvroCompatibilityChecker.incompatibilities(
            getCompatibility(subject), schema, registered(subject, versions));
    if (!problems.isEmpty()) {
      throw new SchemaRegistryException(
          409,
          RegistryErrorCodes.INCOMPATIBLE_SCHEMA,
          where,
          "Schema being registered is incompatible with an earlier schema for subject \""
              + subject
              + "\", details: "
              + problems);
    }
    Integer id = idsByIdentity.get(identity);
    if (id == null) {
      id = nextId++;
      idsByIdentity.put(identity, id);
      schemasById.put(id, schema);
    }
    int number = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
    subjects
        .computeIfAbsent(subject, s -> new ArrayList<>())
        .add(new Version(number, id, identity));
    return id;
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw schemaNotFound(id, "GET " + WHERE + "/schemas/ids/" + id);
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema getBySubjectVersion(String subject, String version) {
    String where = "GET " + WHERE + "/subjects/" + subject + "/versions/" + version;
    int wanted = parseVersion(version, where);
    List<Version> versions = existingVersions(subject, where);
    Version found = null;
    if (wanted == LATEST_VERSION) {
      found = versions.get(versions.size() - 1);
    } else {
      for (Version candidate : versions) {
        if (candidate.version() == wanted) {
          found = candidate;
        }
      }
    }
    if (found == null) {
      throw new SchemaRegistryException(
          404, RegistryErrorCodes.VERSION_NOT_FOUND, where, "Version " + wanted + " not found.");
    }
    return toRegistered(subject, found);
  }

  @Override
  public synchronized RegisteredSchema lookup(String subject, Schema schema) {
    String where = "POST " + WHERE + "/subjects/" + subject;
    Objects.requireNonNull(schema, "schema");
    String identity = identity(schema);
    for (Version version : existingVersions(subject, where)) {
      if (version.identity().equals(identity)) {
        return toRegistered(subject, version);
      }
    }
    throw new SchemaRegistryException(
        404, RegistryErrorCodes.SCHEMA_NOT_FOUND, where, "Schema not found");
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    return lookup(subject, schema).id();
  }

  @Override
  public synchronized CompatibilityLevel getGlobalCompatibility() {
    return globalLevel;
  }

  @Override
  public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
    globalLevel = Objects.requireNonNull(level, "level");
  }

  @Override
  public synchronized CompatibilityLevel getCompatibility(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  @Override
  public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
    validateSubject(subject, "PUT " + WHERE + "/config/" + subject);
    subjectLevels.put(subject, Objects.requireNonNull(level, "level"));
  }

  /** The subject's own compatibility level, empty when it follows the global one. */
  public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /**
   * Removes a subject's own compatibility level, so that the global one applies again.
   *
   * @return the level the subject had
   * @throws SchemaRegistryException 40401 when the subject had no level of its own
   */
  public synchronized CompatibilityLevel deleteSubjectCompatibility(String subject) {
    CompatibilityLevel previous = subjectLevels.remove(subject);
    if (previous == null) {
      throw subjectNotFound(subject, "DELETE " + WHERE + "/config/" + subject);
    }
    return previous;
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    return compatibilityProblems(subject, LATEST, schema).isEmpty();
  }

  /**
   * Why registering {@code schema} would break the subject's compatibility level.
   *
   * <p>Against {@link #LATEST}: every version when the level is transitive, else the newest; a
   * subject without versions accepts anything. Against a numbered version: that version only.
   *
   * @return Confluent-style messages; empty when compatible
   * @throws SchemaRegistryException 42202 bad version; 40401 or 40402 for a numbered version that
   *     does not exist
   */
  public synchronized List<String> compatibilityProblems(
      String subject, String version, Schema schema) {
    String where = "POST " + WHERE + "/compatibility/subjects/" + subject + "/versions/" + version;
    Objects.requireNonNull(schema, "schema");
    int wanted = parseVersion(version, where);
    CompatibilityLevel level = getCompatibility(subject);
    if (wanted == LATEST_VERSION) {
      List<Version> versions = subjects.getOrDefault(subject, List.of());
      return AvroCompatibilityChecker.incompatibilities(
          level, schema, registered(subject, versions));
    }
    RegisteredSchema against = getBySubjectVersion(subject, version);
    return AvroCompatibilityChecker.incompatibilities(level, schema, List.of(against));
  }

  @Override
  public synchronized List<String> listSubjects() {
    return List.copyOf(subjects.keySet());
  }

  @Override
  public synchronized List<Integer> listVersions(String subject) {
    String where = "GET " + WHERE + "/subjects/" + subject + "/versions";
    return existingVersions(subject, where).stream().map(Version::version).toList();
  }

  @Override
  public synchronized List<Integer> deleteSubject(String subject) {
    List<Integer> versions = listVersions(subject);
    subjects.remove(subject);
    return versions;
  }

  /**
   * Every (subject, version) under which a schema id is registered.
   *
   * @throws SchemaRegistryException 40403 when the id is unknown
   */
  public synchronized List<SubjectVersion> subjectVersionsForId(int id) {
    if (!schemasById.containsKey(id)) {
      throw schemaNotFound(id, "GET " + WHERE + "/schemas/ids/" + id + "/versions");
    }
    List<SubjectVersion> found = new ArrayList<>();
    subjects.forEach(
        (subject, versions) ->
            versions.stream()
                .filter(v -> v.id() == id)
                .forEach(v -> found.add(new SubjectVersion(subject, v.version()))));
    return found;
  }

  // --- helpers --------------------------------------------------------------------------------

  /** Returned by {@link #parseVersion} for {@code latest} (and Confluent's alias {@code -1}). */
  private static final int LATEST_VERSION = -1;

  private static int parseVersion(String version, String where) {
    if (version != null) {
      String text = version.trim();
      if (text.equalsIgnoreCase(LATEST) || text.equals("-1")) {
        return LATEST_VERSION;
      }
      try {
        int number = Integer.parseInt(text);
        if (number >= 1) {
          return number;
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new SchemaRegistryException(
        422,
        RegistryErrorCodes.INVALID_VERSION,
        where,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
            + " \"latest\"");
  }

  private static void validateSubject(String subject, String where) {
    if (subject == null || subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
      throw new SchemaRegistryException(
          422,
          RegistryErrorCodes.INVALID_SUBJECT,
          where,
          "The specified subject '" + subject + "' is not valid: empty or with control characters");
    }
  }

  private List<Version> existingVersions(String subject, String where) {
    List<Version> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw subjectNotFound(subject, where);
    }
    return versions;
  }

  private List<RegisteredSchema> registered(String subject, List<Version> versions) {
    return versions.stream().map(v -> toRegistered(subject, v)).toList();
  }

  private RegisteredSchema toRegistered(String subject, Version version) {
    return new RegisteredSchema(
        subject, version.version(), version.id(), schemasById.get(version.id()));
  }

  private static SchemaRegistryException subjectNotFound(String subject, String where) {
    return new SchemaRegistryException(
        404, RegistryErrorCodes.SUBJECT_NOT_FOUND, where, "Subject '" + subject + "' not found.");
  }

  private static SchemaRegistryException schemaNotFound(int id, String where) {
    return new SchemaRegistryException(
        404, RegistryErrorCodes.SCHEMA_NOT_FOUND, where, "Schema " + id + " not found");
  }
}
