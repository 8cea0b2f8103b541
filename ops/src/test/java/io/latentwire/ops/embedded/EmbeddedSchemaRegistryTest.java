package io.latentwire.ops.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's JSON shapes and error codes, checked with a plain HTTP client. */
class EmbeddedSchemaRegistryTest {

  static final String V1 =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
  static final String V2_BREAKING =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
          + "{\"name\":\"b\",\"type\":\"string\"}]}";

  private final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  /** A response: status, content type and JSON body. */
  record Reply(int status, String contentType, JsonNode body) {}

  @AfterEach
  void stop() {
    registry.close();
  }

  Reply call(String method, String path, String body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(registry.url() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          json.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply call(String method, String path, String body) {
    return call(method, path, body, "application/vnd.schemaregistry.v1+json");
  }

  Reply get(String path) {
    return call("GET", path, null, null);
  }

  String schemaBody(String schema) {
    ObjectNode body = json.createObjectNode();
    body.put("schema", schema);
    return body.toString();
  }

  JsonNode tree(String text) throws IOException {
    return json.readTree(text);
  }

  @Test
  void shouldListenOnLoopbackOnly() {
    assertThat(registry.url()).startsWith("http://127.0.0.1:");
    assertThat(registry.port()).isPositive();
  }

  @Test
  void shouldRegisterAndAnswerWithOnlyTheId() throws IOException {
    Reply reply = call("POST", "/subjects/s-value/versions", schemaBody(V1));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(reply.body()).isEqualTo(tree("{\"id\":1}"));
  }

  @Test
  void shouldGiveTheSameIdForTheSameSchemaEvenUnderAnotherSubject() {
    int first = call("POST", "/subjects/a/versions", schemaBody(V1)).body().get("id").intValue();
    int again = call("POST", "/subjects/a/versions", schemaBody(V1)).body().get("id").intValue();
    int other = call("POST", "/subjects/b/versions", schemaBody(V1)).body().get("id").intValue();

    assertThat(again).isEqualTo(first);
    assertThat(other).isEqualTo(first);
    assertThat(get("/subjects/a/versions").body().toString()).isEqualTo("[1]");
  }

  @Test
  void shouldServeSchemasBySubjectVersionAndIdInConfluentShapes() throws IOException {
    call("POST", "/subjects/a/versions", schemaBody(V1));
    call("POST", "/subjects/b/versions", schemaBody(V1));

    assertThat(get("/schemas/ids/1").body())
        .isEqualTo(tree("{\"schema\":" + json.writeValueAsString(V1) + "}"));
    assertThat(get("/schemas/ids/1/versions").body())
        .isEqualTo(tree("[{\"subject\":\"a\",\"version\":1},{\"subject\":\"b\",\"version\":1}]"));
    assertThat(get("/schemas/ids/1/subjects").body()).isEqualTo(tree("[\"a\",\"b\"]"));
    assertThat(get("/subjects").body()).isEqualTo(tree("[\"a\",\"b\"]"));
    JsonNode latest = get("/subjects/a/versions/latest").body();
    assertThat(latest)
        .isEqualTo(
            tree(
                "{\"subject\":\"a\",\"version\":1,\"id\":1,\"schema\":"
                    + json.writeValueAsString(V1)
                    + "}"));
    assertThat(get("/subjects/a/versions/1").body()).isEqualTo(latest);
    assertThat(get("/subjects/a/versions/1/schema").body()).isEqualTo(tree(V1));
    assertThat(get("/schemas/types").body()).isEqualTo(tree("[\"AVRO\"]"));
  }

  @Test
  void shouldLookUpARegisteredSchemaUnderASubject() {
    call("POST", "/subjects/a/versions", schemaBody(V1));
    String reformatted = V1.replace(",", " , ");

    Reply found = call("POST", "/subjects/a", schemaBody(reformatted));
    Reply missing = call("POST", "/subjects/a", schemaBody(V2_BREAKING));
    Reply noSubject = call("POST", "/subjects/zz", schemaBody(V1));

    assertThat(found.body().get("id").intValue()).isEqualTo(1);
    assertThat(found.body().get("version").intValue()).isEqualTo(1);
    assertThat(found.body().get("subject").textValue()).isEqualTo("a");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().get("error_code").intValue()).isEqualTo(40403);
    assertThat(noSubject.body().get("error_code").intValue()).isEqualTo(40401);
  }

  @Test
  void shouldRefuseAnIncompatibleSchemaWith409() {
    call("POST", "/subjects/a/versions", schemaBody(V1));

    Reply refused = call("POST", "/subjects/a/versions", schemaBody(V2_BREAKING));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("error_code").intValue()).isEqualTo(409);
    assertThat(refused.body().get("message").textValue())
        .startsWith(
            "Schema being registered is incompatible with an earlier schema for subject \"a\"");
    assertThat(get("/subjects/a/versions").body().toString()).isEqualTo("[1]");
  }

  @Test
  void shouldAnswerErrorsWithConfluentCodesAndMessages() throws IOException {
    call("POST", "/subjects/a/versions", schemaBody(V1));

    assertThat(get("/subjects/x/versions/latest"))
        .isEqualTo(
            new Reply(
                404,
                "application/vnd.schemaregistry.v1+json",
                tree("{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}")));
    assertThat(get("/subjects/a/versions/7").body())
        .isEqualTo(tree("{\"error_code\":40402,\"message\":\"Version 7 not found.\"}"));
    assertThat(get("/schemas/ids/99").body())
        .isEqualTo(tree("{\"error_code\":40403,\"message\":\"Schema 99 not found\"}"));
    Reply badVersion = get("/subjects/a/versions/first");
    assertThat(badVersion.status()).isEqualTo(422);
    assertThat(badVersion.body().get("error_code").intValue()).isEqualTo(42202);
    Reply badSchema = call("POST", "/subjects/a/versions", schemaBody("{\"type\":\"recrd\"}"));
    assertThat(badSchema.status()).isEqualTo(422);
    assertThat(badSchema.body().get("error_code").intValue()).isEqualTo(42201);
    Reply protobuf =
        call(
            "POST",
            "/subjects/a/versions",
            "{\"schema\":\"syntax = 'proto3';\",\"schemaType\":\"PROTOBUF\"}");
    assertThat(protobuf.body().get("error_code").intValue()).isEqualTo(42201);
    assertThat(protobuf.body().get("message").textValue()).contains("AVRO only");
  }

  @Test
  void shouldAnswerUnknownRoutesAndWrongMethodsLikeConfluent() {
    Reply unknown = get("/nothing/here");
    Reply wrongMethod = call("PUT", "/subjects", "{}");
    Reply badId = get("/schemas/ids/abc");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get("error_code").intValue()).isEqualTo(404);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.body().get("error_code").intValue()).isEqualTo(405);
    assertThat(badId.status()).isEqualTo(404);
    assertThat(get("/").body().isObject()).isTrue();
  }

  @Test
  void shouldAcceptPlainJsonAndRefuseOtherContentTypes() {
    Reply plain =
        call("POST", "/subjects/a/versions", schemaBody(V1), "application/json; charset=utf-8");
    Reply text = call("POST", "/subjects/b/versions", schemaBody(V1), "text/plain");

    assertThat(plain.status()).isEqualTo(200);
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.body().get("error_code").intValue()).isEqualTo(415);
  }

  @Test
  void shouldRefuseMalformedJsonWith400() {
    Reply reply = call("POST", "/subjects/a/versions", "{not json");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("message").textValue()).contains("Malformed JSON");
  }

  @Test
  void shouldReadAndWriteGlobalAndSubjectCompatibility() throws IOException {
    assertThat(get("/config").body()).isEqualTo(tree("{\"compatibilityLevel\":\"BACKWARD\"}"));
    assertThat(call("PUT", "/config", "{\"compatibility\":\"full\"}").body())
        .isEqualTo(tree("{\"compatibility\":\"FULL\"}"));
    assertThat(get("/config").body()).isEqualTo(tree("{\"compatibilityLevel\":\"FULL\"}"));

    Reply notConfigured = get("/config/a");
    assertThat(notConfigured.status()).isEqualTo(404);
    assertThat(notConfigured.body().get("error_code").intValue()).isEqualTo(40408);
    assertThat(get("/config/a?defaultToGlobal=true").body())
        .isEqualTo(tree("{\"compatibilityLevel\":\"FULL\"}"));

    call("PUT", "/config/a", "{\"compatibility\":\"NONE\"}");
    assertThat(get("/config/a").body()).isEqualTo(tree("{\"compatibilityLevel\":\"NONE\"}"));
    assertThat(call("DELETE", "/config/a", null).body())
        .isEqualTo(tree("{\"compatibilityLevel\":\"NONE\"}"));
    assertThat(get("/config/a").status()).isEqualTo(404);

    Reply invalid = call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.body().get("error_code").intValue()).isEqualTo(42203);
  }

  @Test
  void shouldTestCompatibilityWithOptionalVerboseMessages() {
    call("POST", "/subjects/a/versions", schemaBody(V1));

    Reply bad = call("POST", "/compatibility/subjects/a/versions/latest", schemaBody(V2_BREAKING));
    Reply verbose =
        call("POST", "/compatibility/subjects/a/versions/1?verbose=true", schemaBody(V2_BREAKING));
    Reply fresh =
        call("POST", "/compatibility/subjects/new/versions/latest", schemaBody(V2_BREAKING));
    Reply missingVersion =
        call("POST", "/compatibility/subjects/a/versions/3", schemaBody(V2_BREAKING));

    assertThat(bad.body().toString()).isEqualTo("{\"is_compatible\":false}");
    assertThat(verbose.body().get("messages").get(0).textValue())
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(fresh.body().toString()).isEqualTo("{\"is_compatible\":true}");
    assertThat(missingVersion.body().get("error_code").intValue()).isEqualTo(40402);
  }

  @Test
  void shouldDeleteASubjectReturningItsVersions() {
    call("POST", "/subjects/a/versions", schemaBody(V1));

    Reply deleted = call("DELETE", "/subjects/a", null);

    assertThat(deleted.body().toString()).isEqualTo("[1]");
    assertThat(get("/subjects").body().toString()).isEqualTo("[]");
    assertThat(get("/schemas/ids/1").status()).isEqualTo(200);
    assertThat(call("DELETE", "/subjects/a", null).body().get("error_code").intValue())
        .isEqualTo(40401);
  }

  @Test
  void shouldDecodeSubjectsHoldingSlashesAndPlusSigns() {
    call("POST", "/subjects/team%2Fa+b/versions", schemaBody(V1));

    assertThat(get("/subjects").body().get(0).textValue()).isEqualTo("team/a+b");
    assertThat(get("/subjects/team%2Fa+b/versions/latest").body().get("subject").textValue())
        .isEqualTo("team/a+b");
  }

  @Test
  void shouldRequireBasicAuthWhenConfigured() {
    try (EmbeddedSchemaRegistry secured =
        EmbeddedSchemaRegistry.builder().basicAuth("fred", "s3cret").start()) {
      HttpRequest anonymous =
          HttpRequest.newBuilder(URI.create(secured.url() + "/subjects")).build();
      HttpResponse<String> response;
      try {
        response = http.send(anonymous, HttpResponse.BodyHandlers.ofString());
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).contains("\"error_code\":401");
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValue("Basic realm=\"SchemaRegistry\"");
    }
  }

  @Test
  void shouldCountRequestsPerMethodAndPath() {
    get("/schemas/ids/5");
    get("/schemas/ids/5");
    get("/subjects");

    assertThat(registry.requestCount("GET", "/schemas/ids/5")).isEqualTo(2);
    assertThat(registry.requestCount()).isEqualTo(3);
  }

  @Test
  void shouldRefuseAPortOutsideTheValidRangeNamingIt() {
    assertThatThrownBy(() -> EmbeddedSchemaRegistry.builder().port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port")
        .hasMessageContaining("70000");
  }

  @Test
  void shouldReportAPortAlreadyInUse() {
    assertThatThrownBy(() -> EmbeddedSchemaRegistry.builder().port(registry.port()).start())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("127.0.0.1:" + registry.port());
  }
}
