package io.latentwire.streams.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latentwire.streams.errors.LatentwireStreamsException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {
  final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
  final AtomicReference<Throwable> failure = new AtomicReference<>();
  final Http http = new Http();
  final ObjectMapper json = new ObjectMapper();
  OpsHttpServer server;
  URI base;

  @BeforeEach
  void start() {
    server =
        OpsHttpServer.start(
            "127.0.0.1",
            0,
            new KafkaStreamsHealth(state::get, failure::get),
            () -> "# TYPE x_total counter\nx_total 1.0\n");
    base = server.uri();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldBindLoopbackOnAnEphemeralPortWhenAskedForPortZero() {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.address().getPort()).isPositive();
  }

  @Test
  void shouldAnswerReadyOnlyOnceTheAppIsRunningWithTheStateInTheBody() throws Exception {
    state.set(State.REBALANCING);
    Http.Response notYet = http.get(base, "/health/ready");
    assertThat(notYet.status()).isEqualTo(503);
    assertThat(notYet.contentType()).isEqualTo("application/json");
    assertThat(json.readTree(notYet.body()).get("state").asText()).isEqualTo("REBALANCING");
    assertThat(json.readTree(notYet.body()).get("ready").asBoolean()).isFalse();

    state.set(State.RUNNING);
    Http.Response ready = http.get(base, "/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(json.readTree(ready.body()).get("state").asText()).isEqualTo("RUNNING");
  }

  @Test
  void shouldStayLiveDuringARebalanceAndDieWhenAnErrorStopsTheApp() throws Exception {
    state.set(State.REBALANCING);
    assertThat(http.get(base, "/health/live").status()).isEqualTo(200);
    failure.set(new IllegalStateException("encoder of model 3f2a failed"));
    state.set(State.ERROR);
    Http.Response dead = http.get(base, "/health/live");
    assertThat(dead.status()).isEqualTo(503);
    JsonNode body = json.readTree(dead.body());
    assertThat(body.get("live").asBoolean()).isFalse();
    assertThat(body.get("failure").asText()).isEqualTo("encoder of model 3f2a failed");
  }

  @Test
  void shouldCombineLivenessAndReadinessOnHealth() throws Exception {
    state.set(State.REBALANCING);
    Http.Response down = http.get(base, "/health");
    assertThat(down.status()).isEqualTo(503);
    JsonNode d = json.readTree(down.body());
    assertThat(d.get("status").asText()).isEqualTo("DOWN");
    assertThat(d.get("live").asBoolean()).isTrue();
    assertThat(d.get("ready").asBoolean()).isFalse();
    assertThat(d.has("failure")).isFalse();

    state.set(State.RUNNING);
    Http.Response up = http.get(base, "/health");
    assertThat(up.status()).isEqualTo(200);
    assertThat(json.readTree(up.body()).get("status").asText()).isEqualTo("UP");
  }

  @Test
  void shouldServeMetricsInThePrometheusTextFormat() {
    Http.Response r = http.get(base, "/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo(OpsHttpServer.PROMETHEUS_CONTENT_TYPE);
    assertThat(r.body()).contains("x_total 1.0");
  }

  @Test
  void shouldAnswerHeadWithoutABodyAndRefuseOtherMethods() {
    Http.Response head = http.send(base, "/health/live", "HEAD");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(http.send(base, "/metrics", "POST").status()).isEqualTo(405);
  }

  @Test
  void shouldAnswerNotFoundNamingTheEndpointsForAnyOtherPath() {
    Http.Response r = http.get(base, "/healthz");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).contains("/health/ready", "/metrics");
  }

  @Test
  void shouldAnswerAServerErrorWhenTheProbeFails() {
    try (OpsHttpServer broken =
        OpsHttpServer.start(
            "127.0.0.1",
            0,
            () -> {
              throw new IllegalStateException("probe broke");
            },
            () -> "")) {
      Http.Response r = http.get(broken.uri(), "/health");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.body()).contains("probe broke");
    }
  }

  @Test
  void shouldNameTheHttpKeysWhenThePortIsTaken() {
    int taken = server.address().getPort();
    assertThatThrownBy(
            () ->
                OpsHttpServer.start(
                    "127.0.0.1",
                    taken,
                    () -> new HealthStatus(true, true, "RUNNING", null),
                    () -> ""))
        .isInstanceOf(LatentwireStreamsException.class)
        .hasMessageContaining("127.0.0.1:" + taken)
        .hasMessageContaining("http.port")
        .hasMessageContaining("http.host");
  }

  @Test
  void shouldStopListeningWhenClosed() {
    server.close();
    assertThatThrownBy(() -> http.get(base, "/health/live"))
        .isInstanceOf(UncheckedIOException.class);
  }
}
