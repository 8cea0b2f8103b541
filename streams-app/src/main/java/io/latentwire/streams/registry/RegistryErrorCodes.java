package io.latentwire.streams.registry;

/**
 * The Confluent Schema Registry {@code error_code} values this project produces or interprets.
 *
 * <p>They are part of the wire contract: clients written by others (the npm packages, Confluent's
 * own Java client) branch on them, so the numbers must stay those of Confluent's server.
 */
public final class RegistryErrorCodes {

  /** HTTP 404: the subject does not exist. */
  public static final int SUBJECT_NOT_FOUND = 40401;

  /** HTTP 404: the subject exists but not this version. */
  public static final int VERSION_NOT_FOUND = 40402;

  /** HTTP 404: no schema with this id, or this schema is not registered under the subject. */
  public static final int SCHEMA_NOT_FOUND = 40403;

  /** HTTP 404: the subject has no subject-level compatibility of its own. */
  public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;

  /**
   * HTTP 409: the schema breaks the subject's compatibility rule. Confluent servers up to 7.x use
   * 409; the newest ones send {@link #INCOMPATIBLE_SCHEMA_NEW}. Test the HTTP status instead.
   */
  public static final int INCOMPATIBLE_SCHEMA = 409;

  /** The {@code error_code} newer Confluent servers send with HTTP 409. */
  public static final int INCOMPATIBLE_SCHEMA_NEW = 40901;

  /** HTTP 422: the schema text is not a valid Avro schema, or not of a supported type. */
  public static final int INVALID_SCHEMA = 42201;

  /** HTTP 422: the version is neither a positive integer nor {@code latest}. */
  public static final int INVALID_VERSION = 42202;

  /** HTTP 422: the compatibility level is not one of the seven known names. */
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

  /** HTTP 422: the subject name is empty or holds control characters. */
  public static final int INVALID_SUBJECT = 42208;

  /** HTTP 422: the request body is too large. */
  public static final int SCHEMA_TOO_LARGE = 42209;

  /** HTTP 500: the server's store failed. */
  public static final int STORE_ERROR = 50001;

  /** Used in exceptions that carry no {@code error_code} (no response, or a non-JSON body). */
  public static final int NONE = -1;

  private RegistryErrorCodes() {}
}
