package io.latentwire.streams.app;

import io.latentwire.codec.record.RecordCodec;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.health.KafkaStreamsHealth;
import io.latentwire.streams.health.OpsHttpServer;
import io.latentwire.streams.metrics.PipelineMetrics;
import io.latentwire.streams.metrics.ReconstructionSampler;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The operations side of one app: its meter registry, the {@link PipelineMetrics} its processors
 * report to, the Kafka Streams client metrics, and the health/metrics HTTP server.
 *
 * <p>Created before the topology (processors need the metrics), attached to the {@link
 * KafkaStreams} instance before it starts (so readiness is 503 until it runs), closed with the app.
 * Owns the registry, the Kafka metrics binder's thread and the HTTP server: close it.
 */
public final class Observability implements AutoCloseable {
  private final LatentwireConfig config;
  private final Side side;
  private final PrometheusMeterRegistry registry;
  private final PipelineMetrics metrics;
  private KafkaStreamsMetrics kafkaMetrics;
  private OpsHttpServer server;

  private Observability(
      LatentwireConfig config,
      Side side,
      PrometheusMeterRegistry registry,
      PipelineMetrics metrics) {
    this.config = config;
    this.side = side;
    this.registry = registry;
    this.metrics = metrics;
  }

  /**
   * Creates the registry and the pipeline meters of one app.
   *
   * @param codec the app's codec, used by the encoder to sample reconstruction error; not owned
   */
  public static Observability create(
      LatentwireConfig config, Side side, String modelShortHex, RecordCodec codec) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ReconstructionSampler sampler =
        side == Side.ENCODE
            ? new ReconstructionSampler(codec, config.reconstructionSampleEvery())
            : null;
    PipelineMetrics metrics =
        new PipelineMetrics(registry, side, config.topic(), modelShortHex, sampler);
    return new Observability(config, side, registry, metrics);
  }

  /** The hooks the processors call. */
  public PipelineMetrics metrics() {
    return metrics;
  }

  /** Every meter of the app, in Prometheus form. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Binds the Kafka Streams client metrics and, unless {@code http.port=0}, starts the HTTP server.
   * Call once, before {@code streams.start()}.
   *
   * @param failure the error that stopped the app, or null while none did
   */
  public void attach(KafkaStreams streams, Supplier<Throwable> failure) {
    if (kafkaMetrics != null) {
      throw new IllegalStateException("already attached");
    }
    kafkaMetrics = new KafkaStreamsMetrics(streams, Tags.of("side", side.label()));
    kafkaMetrics.bindTo(registry);
    if (config.httpPort() != 0) {
      server =
          OpsHttpServer.start(
              config.httpHost(),
              config.httpPort(),
              new KafkaStreamsHealth(streams::state, failure),
              registry::scrape);
    }
  }

  /** Where the HTTP server listens; empty when disabled or not attached. */
  public Optional<InetSocketAddress> httpAddress() {
    return Optional.ofNullable(server).map(OpsHttpServer::address);
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      try {
        if (kafkaMetrics != null) {
          kafkaMetrics.close();
        }
      } finally {
        registry.close();
      }
    }
  }
}
