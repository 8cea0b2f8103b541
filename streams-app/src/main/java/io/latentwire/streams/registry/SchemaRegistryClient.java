package io.latentwire.streams.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The operations of the Confluent Schema Registry that latentwire uses, for Avro schemas.
 *
 * <p>Schema ids are registry-wide: the same schema registered under two subjects gets one id.
 * Implementations are thread-safe. Every method throws {@link SchemaRegistryException} on failure;
 * arguments are never null unless stated.
 */
public interface SchemaRegistryClient {

  /** The version argument that names the newest version of a subject. */
  String LATEST = "latest";

  /**
   * Registers a schema under a subject ({@code POST /subjects/{subject}/versions}), or finds it if
   * it is already there.
   *
   * @return the registry-wide id of the schema
   * @throws SchemaRegistryException with HTTP 409 when the subject's compatibility rule refuses it
   */
  int register(String subject, Schema schema);

  /**
   * The schema with this id ({@code GET /schemas/ids/{id}}).
   *
   * @throws SchemaRegistryException error code 40403 when the id is unknown
   */
  Schema getById(int id);

  /**
   * A version of a subject ({@code GET /subjects/{subject}/versions/{version}}).
   *
   * @param version a positive integer, or {@link #LATEST}
   * @throws SchemaRegistryException 40401 unknown subject, 40402 unknown version, 42202 bad version
   */
  RegisteredSchema getBySubjectVersion(String subject, String version);

  /** The newest version of a subject; same as {@code getBySubjectVersion(subject, LATEST)}. */
  default RegisteredSchema getLatest(String subject) {
    return getBySubjectVersion(subject, LATEST);
  }

  /**
   * Finds an already registered schema under a subject without registering it ({@code POST
   * /subjects/{subject}}).
   *
   * @throws SchemaRegistryException 40401 unknown subject, 40403 schema not under this subject
   */
  RegisteredSchema lookup(String subject, Schema schema);

  /**
   * The id of an already registered schema under a subject; like {@link #lookup} but answered from
   * cache when possible (serializers call this once per record).
   */
  int lookupId(String subject, Schema schema);

  /** The registry-wide default compatibility level ({@code GET /config}). */
  CompatibilityLevel getGlobalCompatibility();

  /** Sets the registry-wide default compatibility level ({@code PUT /config}). */
  void setGlobalCompatibility(CompatibilityLevel level);

  /**
   * The level that applies to a subject: its own, or else the global one ({@code GET
   * /config/{subject}?defaultToGlobal=true}).
   */
  CompatibilityLevel getCompatibility(String subject);

  /** Sets a subject's own compatibility level ({@code PUT /config/{subject}}). */
  void setCompatibility(String subject, CompatibilityLevel level);

  /**
   * Whether registering this schema under the subject would be accepted by its compatibility rule
   * ({@code POST /compatibility/subjects/{subject}/versions/latest}). True for a subject without
   * versions.
   */
  boolean testCompatibility(String subject, Schema schema);

  /** All subjects, sorted ({@code GET /subjects}). */
  List<String> listSubjects();

  /**
   * The versions of a subject, ascending ({@code GET /subjects/{subject}/versions}).
   *
   * @throws SchemaRegistryException 40401 when the subject does not exist
   */
  List<Integer> listVersions(String subject);

  /**
   * Deletes a subject ({@code DELETE /subjects/{subject}}). Schema ids stay readable by id.
   *
   * @return the versions the subject had
   * @throws SchemaRegistryException 40401 when the subject does not exist
   */
  List<Integer> deleteSubject(String subject);
}
