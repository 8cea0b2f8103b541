package io.latentwire.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.streams.errors.LatentwireStreamsException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaPreflightTest {
  @Test
  void shouldStopWithinItsTimeoutNamingTheServersWhenNoBrokerAnswers() throws IOException {
    String bootstrap = "127.0.0.1:" + deadPort();
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                KafkaPreflight.check(
                    Map.of("bootstrap.servers", bootstrap), Duration.ofMillis(1500), "encode app"))
        .isInstanceOf(LatentwireStreamsException.class)
        .hasMessageContaining("encode app")
        .hasMessageContaining(bootstrap)
        .hasMessageContaining("1500 ms")
        .hasMessageContaining("security.protocol=PLAINTEXT")
        .hasMessageContaining("startup.check.timeout.ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldNameTheSaslMechanismInItsMessage() throws IOException {
    String bootstrap = "127.0.0.1:" + deadPort();
    assertThatThrownBy(
            () ->
                KafkaPreflight.check(
                    Map.of(
                        "bootstrap.servers",
                        bootstrap,
                        "security.protocol",
                        "SASL_PLAINTEXT",
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                            + " username=\"u\" password=\"p\";"),
                    Duration.ofMillis(500),
                    "decode app"))
        .hasMessageContaining("security.protocol=SASL_PLAINTEXT, sasl.mechanism=SCRAM-SHA-512")
        .hasMessageNotContaining("password=");
  }

  @Test
  void shouldSkipTheCheckWhenItsTimeoutIsZero() {
    assertThatNoException()
        .isThrownBy(
            () ->
                KafkaPreflight.check(
                    Map.of("bootstrap.servers", "127.0.0.1:9"), Duration.ZERO, "encode app"));
  }

  private static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
