package io.latentwire.ops.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.latentwire.schemas.examples.ImageRecord;
import io.latentwire.schemas.examples.TelemetryRecord;
import io.latentwire.streams.registry.CompatibilityLevel;
import io.latentwire.streams.registry.HttpRegistryConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.registry.RegisteredSchema;
import io.latentwire.streams.registry.SchemaRegistryException;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.RecordWithSchemaId;
import io.latentwire.streams.serde.SpecificAvroSerde;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP client against the embedded server: the two halves of the protocol together. */
class HttpSchemaRegistryClientTest {

  static final String V1 =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
  static final String V2_COMPATIBLE =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
          + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}]}";
  static final String V2_BREAKING =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
          + "{\"name\":\"b\",\"type\":\"string\"}]}";

  private final EmbeddedSchemaRegistry server = EmbeddedSchemaRegistry.start();
  private final HttpSchemaRegistryClient client = HttpSchemaRegistryClient.forUrls(server.url());

  @AfterEach
  void stop() {
    server.close();
  }

  static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }

  /** A port nothing listens on: bound once to get a free number, then released. */
  static int deadPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void shouldRegisterAndReadBackByIdAndBySubjectVersion() {
    int id = client.register("s", parse(V1));
    int id2 = client.register("s", parse(V2_COMPATIBLE));

    HttpSchemaRegistryClient cold = HttpSchemaRegistryClient.forUrls(server.url());
    assertThat(cold.getById(id)).isEqualTo(parse(V1));
    assertThat(cold.getBySubjectVersion("s", "1"))
        .isEqualTo(new RegisteredSchema("s", 1, id, parse(V1)));
    assertThat(cold.getLatest("s"))
        .isEqualTo(new RegisteredSchema("s", 2, id2, parse(V2_COMPATIBLE)));
    assertThat(cold.listSubjects()).containsExactly("s");
    assertThat(cold.listVersions("s")).containsExactly(1, 2);
  }

  @Test
  void shouldLookUpAnExistingSchemaWithoutRegisteringIt() {
    int id = client.register("s", parse(V1));
    HttpSchemaRegistryClient other = HttpSchemaRegistryClient.forUrls(server.url());

    RegisteredSchema found = other.lookup("s", parse(V1));

    assertThat(found.id()).isEqualTo(id);
    assertThat(found.version()).isEqualTo(1);
    assertThat(other.lookupId("s", parse(V1))).isEqualTo(id);
    assertThat(server.requestCount("POST", "/subjects/s")).isEqualTo(1);
    assertThatThrownBy(() -> other.lookup("s", parse(V2_COMPATIBLE)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.isSchemaNotFound()).isTrue());
  }

  @Test
  void shouldSurfaceAnIncompatibleChangeAs409WithCodeUrlAndMessage() {
    client.register("s", parse(V1));

    assertThatThrownBy(() -> client.register("s", parse(V2_BREAKING)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(409);
              assertThat(e.isIncompatible()).isTrue();
              assertThat(e.url()).isEqualTo("POST " + server.url() + "/subjects/s/versions");
              assertThat(e.serverMessage()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
            })
        .hasMessageContaining("HTTP 409, error_code 409");
    assertThat(client.testCompatibility("s", parse(V2_BREAKING))).isFalse();
    assertThat(client.testCompatibility("s", parse(V2_COMPATIBLE))).isTrue();
    assertThat(client.testCompatibility("no-such-subject", parse(V2_BREAKING))).isTrue();
  }

  @Test
  void shouldCacheSchemasByIdAndIdsBySubjectAndSchema() {
    int id = client.register("s", parse(V1));
    client.register("s", parse(V1));
    client.lookupId("s", parse(V1));
    client.getById(id);

    HttpSchemaRegistryClient reader = HttpSchemaRegistryClient.forUrls(server.url());
    for (int i = 0; i < 5; i++) {
      reader.getById(id);
    }

    assertThat(server.requestCount("POST", "/subjects/s/versions")).isEqualTo(1);
    assertThat(server.requestCount("POST", "/subjects/s")).isZero();
    assertThat(server.requestCount("GET", "/schemas/ids/" + id)).isEqualTo(1);
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void shouldAskTheRegistryOncePerSchemaNotOncePerRecord() {
    SpecificAvroSerde<ImageRecord> serde = new SpecificAvroSerde<>(client, ImageRecord.class);
    GenericAvroDeserializer generic =
        new GenericAvroDeserializer(HttpSchemaRegistryClient.forUrls(server.url()));
    RecordWithSchemaId last = null;

    for (int i = 0; i < 50; i++) {
      ImageRecord image =
          ImageRecord.newBuilder()
              .setId(i)
              .setLabel(null)
              .setPixels(ByteBuffer.wrap(new byte[] {(byte) i}))
              .build();
      byte[] bytes = serde.serializer().serialize("images", image);
      assertThat(serde.deserializer().deserialize("images", bytes)).isEqualTo(image);
      last = generic.deserializeWithId("images", bytes);
    }

    assertThat(last.value().get("id")).isEqualTo(49L);
    assertThat(server.requestCount("POST", "/subjects/images-value/versions")).isEqualTo(1);
    assertThat(server.requestCount("GET", "/schemas/ids/" + last.schemaId())).isEqualTo(1);
  }

  @Test
  void shouldReadAndSetCompatibilityLevels() {
    assertThat(client.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    client.setGlobalCompatibility(CompatibilityLevel.FORWARD_TRANSITIVE);
    client.setCompatibility("s", CompatibilityLevel.NONE);

    assertThat(client.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.FORWARD_TRANSITIVE);
    assertThat(client.getCompatibility("s")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(client.getCompatibility("t")).isEqualTo(CompatibilityLevel.FORWARD_TRANSITIVE);
    client.register("s", parse(V1));
    client.register("s", parse(V2_BREAKING)); // accepted under NONE
    assertThat(client.listVersions("s")).containsExactly(1, 2);
  }

  @Test
  void shouldDeleteASubject() {
    client.register("s", parse(V1));

    assertThat(client.deleteSubject("s")).containsExactly(1);
    assertThat(client.listSubjects()).isEmpty();
    assertThatThrownBy(() -> client.listVersions("s"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.isSubjectNotFound()).isTrue();
              assertThat(e.serverMessage()).isEqualTo("Subject 's' not found.");
            });
  }

  @Test
  void shouldKeepSubjectsWithSlashesSpacesAndPlusSignsIntact() {
    String subject = "team/a b+c-value";
    int id = client.register(subject, TelemetryRecord.getClassSchema());

    assertThat(client.listSubjects()).containsExactly(subject);
    assertThat(client.getLatest(subject).id()).isEqualTo(id);
  }

  @Test
  void shouldFailOverToTheNextUrlWhenOneCannotBeConnectedTo() throws IOException {
    HttpSchemaRegistryClient failover =
        HttpSchemaRegistryClient.forUrls("http://127.0.0.1:" + deadPort() + "," + server.url());

    int id = failover.register("s", parse(V1));

    assertThat(failover.getById(id)).isEqualTo(parse(V1));
    assertThat(failover.listSubjects()).containsExactly("s");
  }

  @Test
  void shouldReportUnreachableRegistriesListingEveryUrl() throws IOException {
    String dead = "http://127.0.0.1:" + deadPort();
    HttpSchemaRegistryClient unreachable = HttpSchemaRegistryClient.forUrls(dead);

    assertThatThrownBy(unreachable::listSubjects)
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.isUnreachable()).isTrue();
              assertThat(e.httpStatus()).isZero();
            })
        .hasMessageContaining("cannot connect to any Schema Registry URL [" + dead + "]");
  }

  @Test
  void shouldGiveUpOnAServerThatNeverAnswers() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      HttpSchemaRegistryClient impatient =
          new HttpSchemaRegistryClient(
              HttpRegistryConfig.of("http://127.0.0.1:" + silent.getLocalPort())
                  .withRequestTimeout(Duration.ofMillis(300)));

      assertThatThrownBy(() -> impatient.getById(1))
          .isInstanceOfSatisfying(
              SchemaRegistryException.class, e -> assertThat(e.isUnreachable()).isTrue())
          .hasMessageContaining("no response within PT0.3S");
    }
  }

  @Test
  void shouldSendBasicAuthCredentialsFromTheUrl() {
    try (EmbeddedSchemaRegistry secured =
        EmbeddedSchemaRegistry.builder().basicAuth("fred", "s3cret").start()) {
      String withCredentials = secured.url().replace("http://", "http://fred:s3cret@");
      HttpSchemaRegistryClient authorized = HttpSchemaRegistryClient.forUrls(withCredentials);
      HttpSchemaRegistryClient anonymous = HttpSchemaRegistryClient.forUrls(secured.url());

      assertThat(authorized.register("s", parse(V1))).isEqualTo(1);
      assertThatThrownBy(anonymous::listSubjects)
          .isInstanceOfSatisfying(
              SchemaRegistryException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(401);
                assertThat(e.url()).doesNotContain("s3cret");
              });
    }
  }

  @Test
  void shouldKeepTheBodyOfANonJsonErrorFromAProxy() throws IOException {
    HttpServer proxy =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext(
        "/",
        exchange -> {
          byte[] body = "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(502, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    proxy.start();
    try {
      HttpSchemaRegistryClient viaProxy =
          HttpSchemaRegistryClient.forUrls("http://127.0.0.1:" + proxy.getAddress().getPort());

      assertThatThrownBy(() -> viaProxy.getById(3))
          .isInstanceOfSatisfying(
              SchemaRegistryException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(502);
                assertThat(e.errorCode()).isEqualTo(-1);
                assertThat(e.serverMessage()).contains("Bad Gateway");
                assertThat(e.url()).endsWith("/schemas/ids/3");
              });
    } finally {
      proxy.stop(0);
    }
  }
}
