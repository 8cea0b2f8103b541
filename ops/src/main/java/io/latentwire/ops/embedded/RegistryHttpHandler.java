package io.latentwire.ops.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.latentwire.streams.registry.CompatibilityLevel;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import io.latentwire.streams.registry.RegisteredSchema;
import io.latentwire.streams.registry.RegistryErrorCodes;
import io.latentwire.streams.registry.SchemaRegistryException;
import io.latentwire.streams.registry.SubjectVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Confluent Schema Registry REST requests onto an {@link InMemorySchemaRegistryClient}, and
 * its {@link SchemaRegistryException}s onto Confluent's error responses.
 */
final class RegistryHttpHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);

  static final String V1_JSON = "application/vnd.schemaregistry.v1+json";

  /** Request bodies Confluent's server accepts (its resources' {@code @Consumes}). */
  private static final Set<String> ACCEPTED_CONTENT_TYPES =
      Set.of(
          V1_JSON,
          "application/vnd.schemaregistry+json",
          "application/json",
          "application/octet-stream");

  /** Larger request bodies are refused; a schema is a few kilobytes. */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  /** A response: status and JSON text. */
  private record Response(int status, String json) {}

  private final InMemorySchemaRegistryClient store;
  private final byte[] expectedAuthorization;
  private final ObjectMapper mapper = new ObjectMapper();
  private final AtomicLong requests = new AtomicLong();
  private final Map<String, LongAdder> requestsByPath = new ConcurrentHashMap<>();

  /**
   * @param store the registry state
   * @param basicAuthUserInfo {@code user:password} every request must carry, or null for none
   */
  RegistryHttpHandler(InMemorySchemaRegistryClient store, String basicAuthUserInfo) {
    this.store = store;
    this.expectedAuthorization =
        basicAuthUserInfo == null
            ? null
            : ("Basic "
                    + Base64.getEncoder()
                        .encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
  }

  long requestCount() {
    return requests.get();
  }

  long requestCount(String method, String rawPath) {
    LongAdder count = requestsByPath.get(method + " " + rawPath);
    return count == null ? 0 : count.sum();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String rawPath = exchange.getRequestURI().getRawPath();
      requests.incrementAndGet();
      requestsByPath.computeIfAbsent(method + " " + rawPath, k -> new LongAdder()).increment();
      Response response;
      try {
        response = answer(exchange, method, rawPath);
      } catch (SchemaRegistryException e) {
        response = error(e.httpStatus(), e.errorCode(), e.serverMessage());
      } catch (RuntimeException e) {
        LOG.warn("Embedded Schema Registry failed on {} {}", method, rawPath, e);
        response = error(500, RegistryErrorCodes.STORE_ERROR, "Internal error: " + e);
      }
      send(exchange, response);
    } finally {
      exchange.close();
    }
  }

  private Response answer(HttpExchange exchange, String method, String rawPath) throws IOException {
    if (expectedAuthorization != null && !authorized(exchange)) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
      return error(401, 401, "Unauthorized");
    }
    byte[] body = readBody(exchange);
    if (body.length > 0) {
      checkContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
    }
    List<String> path = segments(rawPath);
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    return route(new Request(method, path, query, body));
  }

  /** One parsed request. */
  private record Request(String method, List<String> path, Map<String, String> query, byte[] body) {
    String segment(int index) {
      return path.get(index);
    }

    boolean is(String... expected) {
      if (expected.length != path.size()) {
        return false;
      }
      for (int i = 0; i < expected.length; i++) {
        if (!expected[i].equals("*") && !expected[i].equals(path.get(i))) {
          return false;
        }
      }
      return true;
    }

    boolean flag(String name) {
      return Boolean.parseBoolean(query.getOrDefault(name, "false"));
    }
  }

  // --- routing ----------------------------------------------------------------------------------

  private Response route(Request r) {
    if (r.path().isEmpty()) {
      return only(r, "GET", () -> ok(mapper.createObjectNode()));
    }
    if (r.is("schemas", "types")) {
      return only(r, "GET", () -> ok(mapper.createArrayNode().add("AVRO")));
    }
    if (r.is("schemas", "ids", "*")) {
      return only(r, "GET", () -> schemaById(r));
    }
    if (r.is("schemas", "ids", "*", "schema")) {
      return only(r, "GET", () -> raw(store.getById(id(r.segment(2))).toString()));
    }
    if (r.is("schemas", "ids", "*", "versions")) {
      return only(r, "GET", () -> versionsOfId(r));
    }
    if (r.is("schemas", "ids", "*", "subjects")) {
      return only(r, "GET", () -> subjectsOfId(r));
    }
    if (r.is("subjects")) {
      return only(r, "GET", () -> ok(strings(store.listSubjects())));
    }
    if (r.is("subjects", "*")) {
      return switch (r.method()) {
        case "POST" -> lookup(r);
        case "DELETE" -> ok(ints(store.deleteSubject(r.segment(1))));
        default -> methodNotAllowed();
      };
    }
    if (r.is("subjects", "*", "versions")) {
      return switch (r.method()) {
        case "GET" -> ok(ints(store.listVersions(r.segment(1))));
        case "POST" -> register(r);
        default -> methodNotAllowed();
      };
    }
    if (r.is("subjects", "*", "versions", "*")) {
      return only(r, "GET", () -> ok(registered(version(r))));
    }
    if (r.is("subjects", "*", "versions", "*", "schema")) {
      return only(r, "GET", () -> raw(version(r).schema().toString()));
    }
    if (r.is("config")) {
      return switch (r.method()) {
        case "GET" -> ok(level("compatibilityLevel", store.getGlobalCompatibility()));
        case "PUT" -> updateConfig(r, null);
        default -> methodNotAllowed();
      };
    }
    if (r.is("config", "*")) {
      return switch (r.method()) {
        case "GET" -> subjectConfig(r);
        case "PUT" -> updateConfig(r, r.segment(1));
        case "DELETE" ->
            ok(level("compatibilityLevel", store.deleteSubjectCompatibility(r.segment(1))));
        default -> methodNotAllowed();
      };
    }
    if (r.is("compatibility", "subjects", "*", "versions", "*")) {
      return only(r, "POST", () -> compatibility(r));
    }
    throw new SchemaRegistryException(404, 404, r.method() + " " + r.path(), "HTTP 404 Not Found");
  }

  private interface Action {
    Response run();
  }

  private static Response only(Request r, String method, Action action) {
    return r.method().equals(method) ? action.run() : methodNotAllowed();
  }

  private static Response methodNotAllowed() {
    return error(405, 405, "HTTP 405 Method Not Allowed");
  }

  // --- endpoints --------------------------------------------------------------------------------

  private Response schemaById(Request r) {
    ObjectNode body = mapper.createObjectNode();
    body.put("schema", store.getById(id(r.segment(2))).toString());
    return ok(body);
  }

  private Response versionsOfId(Request r) {
    ArrayNode array = mapper.createArrayNode();
    for (SubjectVersion sv : store.subjectVersionsForId(id(r.segment(2)))) {
      array.addObject().put("subject", sv.subject()).put("version", sv.version());
    }
    return ok(array);
  }

  private Response subjectsOfId(Request r) {
    return ok(
        strings(
            store.subjectVersionsForId(id(r.segment(2))).stream()
                .map(SubjectVersion::subject)
                .distinct()
                .toList()));
  }

  private Response register(Request r) {
    int id = store.register(r.segment(1), schemaOf(r));
    ObjectNode body = mapper.createObjectNode();
    body.put("id", id);
    return ok(body);
  }

  private Response lookup(Request r) {
    return ok(registered(store.lookup(r.segment(1), schemaOf(r))));
  }

  private RegisteredSchema version(Request r) {
    return store.getBySubjectVersion(r.segment(1), r.segment(3));
  }

  private Response subjectConfig(Request r) {
    String subject = r.segment(1);
    CompatibilityLevel level =
        r.flag("defaultToGlobal")
            ? store.getCompatibility(subject)
            : store
                .subjectCompatibility(subject)
                .orElseThrow(
                    () ->
                        new SchemaRegistryException(
                            404,
                            RegistryErrorCodes.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                            "GET /config/" + subject,
                            "Subject '"
                                + subject
                                + "' does not have subject-level compatibility configured"));
    return ok(level("compatibilityLevel", level));
  }

  private Response updateConfig(Request r, String subject) {
    JsonNode body = jsonBody(r);
    // Confluent's client sends "compatibility"; accept the GET spelling too.
    JsonNode value =
        body.has("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
    CompatibilityLevel level;
    try {
      level =
          CompatibilityLevel.parse(value == null || !value.isTextual() ? null : value.textValue());
    } catch (IllegalArgumentException e) {
      throw new SchemaRegistryException(
          422,
          RegistryErrorCodes.INVALID_COMPATIBILITY_LEVEL,
          "PUT /config",
          "Invalid compatibility level. Valid values are none, backward, forward, full,"
              + " backward_transitive, forward_transitive, and full_transitive");
    }
    if (subject == null) {
      store.setGlobalCompatibility(level);
    } else {
      store.setCompatibility(subject, level);
    }
    return ok(level("compatibility", level));
  }

  private Response compatibility(Request r) {
    List<String> problems = store.compatibilityProblems(r.segment(2), r.segment(4), schemaOf(r));
    ObjectNode body = mapper.createObjectNode();
    body.put("is_compatible", problems.isEmpty());
    if (r.flag("verbose")) {
      body.set("messages", strings(problems));
    }
    return ok(body);
  }

  // --- request bodies ---------------------------------------------------------------------------

  private JsonNode jsonBody(Request r) {
    if (r.body().length == 0) {
      throw new SchemaRegistryException(
          400, 400, r.method() + " " + r.path(), "Request body is empty");
    }
    try {
      JsonNode node = mapper.readTree(r.body());
      if (node == null || !node.isObject()) {
        throw new SchemaRegistryException(
            400, 400, r.method() + " " + r.path(), "Request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException(
          400, 400, r.method() + " " + r.path(), "Malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SchemaRegistryException(
          400, 400, r.method() + " " + r.path(), "Unreadable body: " + e.getMessage());
    }
  }

  /** The Avro schema of a register/lookup/compatibility request; 42201 when unusable. */
  private Schema schemaOf(Request r) {
    JsonNode body = jsonBody(r);
    String where = r.method() + " " + r.path();
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw invalidSchema(
          where, "Invalid schema type " + type + ": this registry supports AVRO only");
    }
    if (body.path("references").size() > 0) {
      throw invalidSchema(where, "Invalid schema: schema references are not supported");
    }
    JsonNode text = body.get("schema");
    if (text == null || !text.isTextual() || text.textValue().isBlank()) {
      throw invalidSchema(where, "Invalid schema: field 'schema' must hold the schema as a string");
    }
    try {
      return new Schema.Parser().parse(text.textValue());
    } catch (SchemaParseException e) {
      throw invalidSchema(
          where, "Invalid schema " + text.textValue() + ", details: " + e.getMessage());
    } catch (RuntimeException e) {
      // Avro 1.12 reports an undefined type name as a NullPointerException.
      throw invalidSchema(
          where,
          "Invalid schema "
              + text.textValue()
              + ", details: "
              + (e instanceof NullPointerException
                  ? "a type name is not defined (misspelled type?)"
                  : e.toString()));
    }
  }

  private static SchemaRegistryException invalidSchema(String where, String message) {
    return new SchemaRegistryException(422, RegistryErrorCodes.INVALID_SCHEMA, where, message);
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new SchemaRegistryException(
            422,
            RegistryErrorCodes.SCHEMA_TOO_LARGE,
            exchange.getRequestMethod() + " " + exchange.getRequestURI(),
            "Request body larger than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  private static void checkContentType(String header) {
    if (header == null) {
      return;
    }
    String type = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!ACCEPTED_CONTENT_TYPES.contains(type)) {
      throw new SchemaRegistryException(
          415,
          415,
          "Content-Type " + header,
          "HTTP 415 Unsupported Media Type: use " + V1_JSON + " or application/json");
    }
  }

  private boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null
        && MessageDigest.isEqual(expectedAuthorization, header.getBytes(StandardCharsets.UTF_8));
  }

  // --- responses --------------------------------------------------------------------------------

  private Response ok(JsonNode body) {
    try {
      return new Response(200, mapper.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** A schema string returned as-is: it is JSON already. */
  private static Response raw(String json) {
    return new Response(200, json);
  }

  private static Response error(int status, int code, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error_code", code);
    body.put("message", message);
    return new Response(status, body.toString());
  }

  private ObjectNode registered(RegisteredSchema schema) {
    // Field order and names of Confluent's Schema entity; schemaType is left out for AVRO.
    ObjectNode body = mapper.createObjectNode();
    body.put("subject", schema.subject());
    body.put("version", schema.version());
    body.put("id", schema.id());
    body.put("schema", schema.schema().toString());
    return body;
  }

  private ObjectNode level(String field, CompatibilityLevel level) {
    ObjectNode body = mapper.createObjectNode();
    body.put(field, level.name());
    return body;
  }

  private ArrayNode strings(List<String> values) {
    ArrayNode array = mapper.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private ArrayNode ints(List<Integer> values) {
    ArrayNode array = mapper.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    byte[] bytes = response.json().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", responseType(exchange));
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Confluent's type unless the client asks for plain JSON only. */
  private static String responseType(HttpExchange exchange) {
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    if (accept != null
        && accept.contains("application/json")
        && !accept.contains("application/vnd.schemaregistry")) {
      return "application/json";
    }
    return V1_JSON;
  }

  // --- parsing ----------------------------------------------------------------------------------

  /** Path segments, each percent-decoded after splitting, so a subject may hold an encoded '/'. */
  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String part : rawPath.split("/")) {
      if (!part.isEmpty()) {
        segments.add(decode(part));
      }
    }
    return segments;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (!pair.isEmpty()) {
          String[] kv = pair.split("=", 2);
          query.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
      }
    }
    return query;
  }

  /** Percent-decoding in which '+' stays '+' (URLDecoder alone would make it a space). */
  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SchemaRegistryException(
          400, 400, text, "Malformed percent-encoding in '" + text + "'");
    }
  }

  private static int id(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      // Confluent's router matches ids as integers only: anything else is no route at all.
      throw new SchemaRegistryException(404, 404, "/schemas/ids/" + text, "HTTP 404 Not Found");
    }
  }
}
