package io.latentwire.streams.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} speaking Confluent Schema Registry's REST API over HTTP, with
 * {@code java.net.http} and Jackson.
 *
 * <p><b>Caching.</b> Answers that never change are cached in bounded LRU maps: schema by id, and id
 * by (subject, schema) for {@link #register} and {@link #lookupId}. A serializer therefore asks the
 * registry once per schema, not once per record. Keys compare schemas with {@link Schema#equals},
 * which ignores docs: two schemas differing only in docs share an entry (they encode identically).
 * Versions, configuration and compatibility answers can change and are never cached.
 *
 * <p><b>Several URLs.</b> When a URL cannot be connected to, the next one is tried, and the one
 * that answered is tried first next time. Only connection failures move on: a request that reached
 * a server and failed or timed out is reported, not repeated.
 *
 * <p>Thread-safe. Holds no resource that needs closing (the JDK 17 {@link HttpClient} has no close
 * method; its threads end when it is collected).
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  /** Content type of Schema Registry API version 1, sent with every request. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final String ACCEPT =
      CONTENT_TYPE + ", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";

  /** Cache key of {@code (subject, schema) -> id}; Avro caches schema hash codes. */
  private record SubjectSchema(String subject, Schema schema) {}

  private final HttpRegistryConfig config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final String authorization;
  private final AtomicInteger preferredUrl = new AtomicInteger();
  private final LruCache<Integer, Schema> schemasById;
  private final LruCache<SubjectSchema, Integer> idsBySubjectSchema;

  /**
   * A client for the given settings.
   *
   * @param config validated settings; see {@link HttpRegistryConfig#of(String)}
   * @throws IllegalArgumentException when the TLS stores of {@code config} cannot be loaded
   */
  public HttpSchemaRegistryClient(HttpRegistryConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    // HTTP/1.1: a plain-http HTTP/2 upgrade attempt buys nothing against a registry.
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (config.tls() != null) {
      builder.sslContext(config.tls().sslContext());
    }
    this.http = builder.build();
    this.authorization =
        config
            .basicAuth()
            .map(
                info ->
                    "Basic "
                        + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)))
            .orElse(null);
    this.schemasById = new LruCache<>(config.cacheCapacity());
    this.idsBySubjectSchema = new LruCache<>(config.cacheCapacity());
  }

  /** Shortcut for {@code new HttpSchemaRegistryClient(HttpRegistryConfig.of(urls))}. */
  public static HttpSchemaRegistryClient forUrls(String commaSeparatedUrls) {
    return new HttpSchemaRegistryClient(HttpRegistryConfig.of(commaSeparatedUrls));
  }

  /** The settings this client was built with. */
  public HttpRegistryConfig config() {
    return config;
  }

  /** Drops every cached answer. */
  public void clearCaches() {
    schemasById.clear();
    idsBySubjectSchema.clear();
  }

  @Override
  public int register(String subject, Schema schema) {
    Objects.requireNonNull(schema, "schema");
    SubjectSchema key = new SubjectSchema(Objects.requireNonNull(subject, "subject"), schema);
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    Reply reply = send("POST", subjectPath(subject) + "/versions", schemaBody(schema));
    int id = requiredInt(reply, "id");
    idsBySubjectSchema.put(key, id);
    if (schemasById.get(id) == null) {
      schemasById.put(id, schema);
    }
    return id;
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    Reply reply = send("GET", "/schemas/ids/" + id, null);
    Schema schema = parseSchema(reply, "schema id " + id);
    schemasById.put(id, schema);
    return schema;
  }

  @Override
  public RegisteredSchema getBySubjectVersion(String subject, String version) {
    Objects.requireNonNull(version, "version");
    Reply reply = send("GET", subjectPath(subject) + "/versions/" + encode(version.trim()), null);
    return registeredSchema(reply, subject);
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    Objects.requireNonNull(schema, "schema");
    Reply reply = send("POST", subjectPath(subject), schemaBody(schema));
    RegisteredSchema found = registeredSchema(reply, subject);
    idsBySubjectSchema.put(new SubjectSchema(subject, schema), found.id());
    return found;
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    Objects.requireNonNull(schema, "schema");
    Integer cached = idsBySubjectSchema.get(new SubjectSchema(subject, schema));
    return cached != null ? cached : lookup(subject, schema).id();
  }

  @Override
  public CompatibilityLevel getGlobalCompatibility() {
    return compatibilityOf(send("GET", "/config", null));
  }

  @Override
  public void setGlobalCompatibility(CompatibilityLevel level) {
    send("PUT", "/config", compatibilityBody(level));
  }

  @Override
  public CompatibilityLevel getCompatibility(String subject) {
    try {
      return compatibilityOf(send("GET", configPath(subject) + "?defaultToGlobal=true", null));
    } catch (SchemaRegistryException e) {
      // Servers older than defaultToGlobal answer 404 for a subject without its own level.
      if (e.httpStatus() == 404) {
        return getGlobalCompatibility();
      }
      throw e;
    }
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    send("PUT", configPath(subject), compatibilityBody(level));
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    Objects.requireNonNull(schema, "schema");
    String path = "/compatibility" + subjectPath(subject) + "/versions/latest";
    try {
      Reply reply = send("POST", path, schemaBody(schema));
      JsonNode answer = reply.body().get("is_compatible");
      if (answer == null || !answer.isBoolean()) {
        throw reply.malformed("no boolean field 'is_compatible'");
      }
      return answer.booleanValue();
    } catch (SchemaRegistryException e) {
      // Some server versions answer 40401 instead of true for a subject without versions.
      if (e.isSubjectNotFound()) {
        return true;
      }
      throw e;
    }
  }

  @Override
  public List<String> listSubjects() {
    Reply reply = send("GET", "/subjects", null);
    List<String> subjects = new ArrayList<>();
    for (JsonNode node : requiredArray(reply)) {
      subjects.add(node.asText());
    }
    subjects.sort(null);
    return List.copyOf(subjects);
  }

  @Override
  public List<Integer> listVersions(String subject) {
    return intList(send("GET", subjectPath(subject) + "/versions", null));
  }

  @Override
  public List<Integer> deleteSubject(String subject) {
    return intList(send("DELETE", subjectPath(subject), null));
  }

  // --- HTTP -------------------------------------------------------------------------------------

  /** A successful response: where it came from and its JSON body. */
  private record Reply(String where, int status, JsonNode body) {
    SchemaRegistryException malformed(String problem) {
      return new SchemaRegistryException(
          status,
          RegistryErrorCodes.NONE,
          where,
          "unexpected response (" + problem + "): " + abbreviate(body.toString()));
    }
  }

  private Reply send(String method, String pathAndQuery, JsonNode body) {
    byte[] payload = body == null ? null : toBytes(body);
    List<URI> urls = config.baseUrls();
    int first = Math.floorMod(preferredUrl.get(), urls.size());
    List<String> unreachable = new ArrayList<>();
    IOException lastFailure = null;
    for (int attempt = 0; attempt < urls.size(); attempt++) {
      int index = (first + attempt) % urls.size();
      URI uri = URI.create(urls.get(index) + pathAndQuery);
      String where = method + " " + uri;
      HttpResponse<byte[]> response;
      try {
        response =
            http.send(request(method, uri, payload), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        if (isConnectFailure(e)) {
          unreachable.add(urls.get(index).toString());
          lastFailure = e;
          continue;
        }
        String what =
            e instanceof HttpTimeoutException
                ? "no response within " + config.requestTimeout()
                : isTlsFailure(e)
                    ? "TLS handshake failed (check schema.registry.ssl.truststore.* and, for"
                        + " mutual TLS, schema.registry.ssl.keystore.*): "
                        + e
                    : "I/O error: " + e;
        throw new SchemaRegistryException(0, RegistryErrorCodes.NONE, where, what, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(
            0, RegistryErrorCodes.NONE, where, "interrupted while waiting for the registry", e);
      }
      preferredUrl.set(index);
      return interpret(where, response);
    }
    throw new SchemaRegistryException(
        0,
        RegistryErrorCodes.NONE,
        method + " " + pathAndQuery,
        "cannot connect to any Schema Registry URL " + unreachable + ": " + lastFailure,
        lastFailure);
  }

  private HttpRequest request(String method, URI uri, byte[] payload) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Accept", ACCEPT)
            .method(
                method,
                payload == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(payload));
    if (payload != null) {
      builder.header("Content-Type", CONTENT_TYPE);
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  private static boolean isTlsFailure(IOException e) {
    return e instanceof SSLException || e.getCause() instanceof SSLException;
  }

  private static boolean isConnectFailure(IOException e) {
    return e instanceof ConnectException
        || e instanceof HttpConnectTimeoutException
        || e.getCause() instanceof ConnectException;
  }

  private Reply interpret(String where, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String text = new String(response.body(), StandardCharsets.UTF_8);
    JsonNode body;
    try {
      body = text.isBlank() ? json.nullNode() : json.readTree(text);
    } catch (JsonProcessingException e) {
      if (status / 100 == 2) {
        throw new SchemaRegistryException(
            status, RegistryErrorCodes.NONE, where, "response is not JSON: " + abbreviate(text), e);
      }
      // A proxy or a misrouted request: keep the text, there is no error_code to read.
      throw new SchemaRegistryException(
          status, RegistryErrorCodes.NONE, where, abbreviate(text.isBlank() ? "(empty)" : text));
    }
    if (status / 100 == 2) {
      return new Reply(where, status, body);
    }
    int code = RegistryErrorCodes.NONE;
    String message = abbreviate(text.isBlank() ? "(empty body)" : text);
    if (body.isObject()) {
      if (body.path("error_code").canConvertToInt()) {
        code = body.get("error_code").intValue();
      }
      if (body.path("message").isTextual()) {
        message = body.get("message").textValue();
      }
    }
    throw new SchemaRegistryException(status, code, where, message);
  }

  // --- JSON -------------------------------------------------------------------------------------

  private ObjectNode schemaBody(Schema schema) {
    // schemaType is left out: AVRO is the default, and old servers reject the field.
    ObjectNode body = json.createObjectNode();
    body.put("schema", schema.toString());
    return body;
  }

  private ObjectNode compatibilityBody(CompatibilityLevel level) {
    ObjectNode body = json.createObjectNode();
    body.put("compatibility", Objects.requireNonNull(level, "level").name());
    return body;
  }

  private byte[] toBytes(JsonNode body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
    }
  }

  private RegisteredSchema registeredSchema(Reply reply, String subject) {
    int id = requiredInt(reply, "id");
    int version = requiredInt(reply, "version");
    String returnedSubject = reply.body().path("subject").asText(subject);
    Schema schema = schemasById.get(id);
    if (schema == null) {
      schema = parseSchema(reply, "schema id " + id);
      schemasById.put(id, schema);
    }
    return new RegisteredSchema(returnedSubject, version, id, schema);
  }

  private static Schema parseSchema(Reply reply, String what) {
    JsonNode body = reply.body();
    String type = body.path("schemaType").asText("AVRO");
    if (!type.toUpperCase(Locale.ROOT).equals("AVRO")) {
      throw reply.malformed(what + " is of type " + type + "; only AVRO is supported");
    }
    if (body.path("references").size() > 0) {
      throw reply.malformed(what + " has schema references, which are not supported");
    }
    JsonNode text = body.get("schema");
    if (text == null || !text.isTextual()) {
      throw reply.malformed("no string field 'schema'");
    }
    try {
      return new Schema.Parser().parse(text.textValue());
    } catch (RuntimeException e) {
      // SchemaParseException mostly; Avro 1.12 reports an undefined type name as an NPE.
      throw new SchemaRegistryException(
          reply.status(),
          RegistryErrorCodes.NONE,
          reply.where(),
          what + " is not a valid Avro schema: " + e.getMessage(),
          e);
    }
  }

  private static int requiredInt(Reply reply, String field) {
    JsonNode node = reply.body().get(field);
    if (node == null || !node.canConvertToInt()) {
      throw reply.malformed("no integer field '" + field + "'");
    }
    return node.intValue();
  }

  private static JsonNode requiredArray(Reply reply) {
    if (!reply.body().isArray()) {
      throw reply.malformed("expected a JSON array");
    }
    return reply.body();
  }

  private static List<Integer> intList(Reply reply) {
    List<Integer> values = new ArrayList<>();
    for (JsonNode node : requiredArray(reply)) {
      if (!node.canConvertToInt()) {
        throw reply.malformed("expected an array of integers");
      }
      values.add(node.intValue());
    }
    return List.copyOf(values);
  }

  private static CompatibilityLevel compatibilityOf(Reply reply) {
    // GET answers {"compatibilityLevel": ...}; some servers and PUT answers use "compatibility".
    JsonNode level = reply.body().path("compatibilityLevel");
    if (!level.isTextual()) {
      level = reply.body().path("compatibility");
    }
    if (!level.isTextual()) {
      throw reply.malformed("no field 'compatibilityLevel'");
    }
    try {
      return CompatibilityLevel.parse(level.textValue());
    } catch (IllegalArgumentException e) {
      throw reply.malformed(e.getMessage());
    }
  }

  // --- paths ------------------------------------------------------------------------------------

  private static String subjectPath(String subject) {
    return "/subjects/" + encode(Objects.requireNonNull(subject, "subject"));
  }

  private static String configPath(String subject) {
    return "/config/" + encode(Objects.requireNonNull(subject, "subject"));
  }

  /** Percent-encodes one path segment (a subject may hold '/', spaces or '+'). */
  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }
}
