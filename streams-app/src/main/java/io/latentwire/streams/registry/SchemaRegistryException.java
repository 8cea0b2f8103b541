package io.latentwire.streams.registry;

import java.util.Objects;

/**
 * A Schema Registry request failed: the server answered with an error, could not be reached, or
 * sent something this client cannot use.
 *
 * <p>Carries what a caller needs to react and a human needs to debug: the HTTP status ({@code 0}
 * when no response was received), the Confluent {@code error_code} ({@link RegistryErrorCodes#NONE}
 * when the server sent none), and the request's method and URL.
 */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;
  private final String url;
  private final String serverMessage;

  /**
   * @param httpStatus HTTP status of the response, {@code 0} when there was none
   * @param errorCode Confluent error code, {@link RegistryErrorCodes#NONE} when there was none
   * @param url method and URL of the failed request, e.g. {@code GET http://host/schemas/ids/3}
   * @param serverMessage the error message, as sent by the server or as composed by the client
   * @param cause underlying exception, may be null
   */
  public SchemaRegistryException(
      int httpStatus, int errorCode, String url, String serverMessage, Throwable cause) {
    super(compose(httpStatus, errorCode, url, serverMessage), cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.url = Objects.requireNonNull(url, "url");
    this.serverMessage = Objects.requireNonNull(serverMessage, "serverMessage");
  }

  /** Same as the five-argument constructor, without a cause. */
  public SchemaRegistryException(int httpStatus, int errorCode, String url, String serverMessage) {
    this(httpStatus, errorCode, url, serverMessage, null);
  }

  private static String compose(int status, int code, String url, String message) {
    String where = status == 0 ? "no response" : "HTTP " + status;
    String codeText = code == RegistryErrorCodes.NONE ? "" : ", error_code " + code;
    return "Schema Registry request failed (" + where + codeText + ") at " + url + ": " + message;
  }

  /** HTTP status of the response, or {@code 0} when no response was received. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent {@code error_code}, or {@link RegistryErrorCodes#NONE}. */
  public int errorCode() {
    return errorCode;
  }

  /** Method and URL of the failed request; never null. */
  public String url() {
    return url;
  }

  /** The server's own message (or the client's description when there was no answer). */
  public String serverMessage() {
    return serverMessage;
  }

  /** True when the subject does not exist (40401). */
  public boolean isSubjectNotFound() {
    return errorCode == RegistryErrorCodes.SUBJECT_NOT_FOUND;
  }

  /** True when the version does not exist under an existing subject (40402). */
  public boolean isVersionNotFound() {
    return errorCode == RegistryErrorCodes.VERSION_NOT_FOUND;
  }

  /** True when the schema id is unknown or the schema is not under the subject (40403). */
  public boolean isSchemaNotFound() {
    return errorCode == RegistryErrorCodes.SCHEMA_NOT_FOUND;
  }

  /** True when the registry refused a schema as incompatible (HTTP 409). */
  public boolean isIncompatible() {
    return httpStatus == 409;
  }

  /** True when no response was received (connection refused, timeout, interrupted). */
  public boolean isUnreachable() {
    return httpStatus == 0;
  }
}
