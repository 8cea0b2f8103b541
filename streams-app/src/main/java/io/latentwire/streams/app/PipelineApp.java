package io.latentwire.streams.app;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.errors.LatentwireStreamsException;
import io.latentwire.streams.registry.HttpRegistryConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.topology.DecodeTopology;
import io.latentwire.streams.topology.EncodeTopology;
import io.latentwire.streams.topology.Topics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running encode or decode app: the model's ONNX sessions plus a {@link KafkaStreams} instance.
 * The only place that owns lifecycle; topologies stay pure builders.
 *
 * <p>Owns the {@link LatentCodec} (native memory) and the streams instance: close it.
 */
public final class PipelineApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineApp.class);

  private final Side side;
  private final LatentCodec codec;
  private final KafkaStreams streams;
  private final Observability observability; // [ops] metrics + health server
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private PipelineApp(
      Side side, LatentCodec codec, KafkaStreams streams, Observability observability) {
    this.side = side;
    this.codec = codec;
    this.streams = streams;
    this.observability = observability;
  }

  /** The topics a side reads and writes under {@code config}. */
  public static Topics topics(Side side, LatentwireConfig config) {
    return side == Side.ENCODE
        ? new Topics(config.topic(), config.latentTopic(), config.dlqTopic(config.topic()))
        : new Topics(
            config.latentTopic(),
            config.reconstructedTopic(),
            config.dlqTopic(config.latentTopic()));
  }

  /**
   * Starts an app whose Schema Registry client is made from {@code config} ({@code
   * schema.registry.url}, basic auth and TLS): what {@code latentwire run} does.
   *
   * @throws LatentwireStreamsException as {@link #start(Side, LatentwireConfig,
   *     SchemaRegistryClient)}
   * @throws org.apache.kafka.common.config.ConfigException when a registry setting is unusable
   */
  public static PipelineApp start(Side side, LatentwireConfig config) {
    HttpRegistryConfig settings = config.registryConfig();
    HttpSchemaRegistryClient registry;
    try {
      registry = new HttpSchemaRegistryClient(settings);
    } catch (IllegalArgumentException e) {
      // The TLS stores could not be loaded: a configuration error, named by its key.
      throw new ConfigException(e.getMessage());
    }
    return start(side, config, registry);
  }

  /**
   * Checks that Kafka can be reached and authenticated to with the app's settings (see {@code
   * startup.check.timeout.ms}), loads the model, builds the topology and starts streaming.
   *
   * @param registry shared, not owned
   * @throws LatentwireStreamsException when Kafka refuses the credentials or cannot be reached in
   *     time; the message names the bootstrap servers and the cause
   */
  public static PipelineApp start(
      Side side, LatentwireConfig config, SchemaRegistryClient registry) {
    String appId = "latentwire-" + side.label() + "-" + config.topic();
    var streamsConfig = config.streamsConfig(appId);
    KafkaPreflight.check(
        streamsConfig.getAdminConfigs(appId + "-startup-check"),
        config.startupCheckTimeout(),
        side.label() + " app");
    ModelBundle bundle = ModelBundle.read(config.modelPath());
    LatentCodec codec = LatentCodec.open(bundle, config.inferenceOptions());
    Observability obs = null; // [ops]
    KafkaStreams streams = null;
    try {
      RecordCodec rc = new RecordCodec(codec);
      Topics topics = topics(side, config);
      obs = Observability.create(config, side, bundle.id().shortHex(), rc); // [ops]
      Topology topology =
          side == Side.ENCODE
              ? EncodeTopology.build(topics, config.errorPolicy(), rc, registry, obs.metrics())
              : DecodeTopology.build(topics, config.errorPolicy(), rc, registry, obs.metrics());
      streams = new KafkaStreams(topology, config.streamsProperties(appId));
      PipelineApp app = new PipelineApp(side, codec, streams, obs);
      streams.setUncaughtExceptionHandler(
          e -> {
            app.failure.compareAndSet(null, e);
            LOG.error("{} app stopped by an error", side.label(), e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
                .StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          });
      LOG.info(
          "starting {} app {}: {} -> {} with model {} (application.id {})",
          side.label(),
          streamsConfig.getString("application.id"),
          topics.input(),
          topics.output(),
          bundle.id().shortHex(),
          appId);
      obs.attach(streams, app::failure); // [ops] before start: readiness is 503 until RUNNING
      streams.start();
      return app;
    } catch (RuntimeException e) {
      if (streams != null) {
        streams.close(Duration.ofSeconds(5)); // e.g. the HTTP port is taken: free the clients
      }
      if (obs != null) {
        obs.close(); // [ops]
      }
      codec.close();
      throw e;
    }
  }

  public Side side() {
    return side;
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** Waits until the app is RUNNING; throws if it failed or did not get there in time. */
  public void awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      KafkaStreams.State s = streams.state();
      if (s == KafkaStreams.State.RUNNING) {
        return;
      }
      if (s == KafkaStreams.State.ERROR
          || s == KafkaStreams.State.NOT_RUNNING
          || failure.get() != null) {
        throw new LatentwireStreamsException(
            side.label() + " app failed to start: " + failure.get(), failure.get());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LatentwireStreamsException(
            "interrupted while waiting for the " + side.label() + " app");
      }
    }
    throw new LatentwireStreamsException(
        side.label() + " app not RUNNING after " + timeout + " (state " + streams.state() + ")");
  }

  /** Metrics registry, pipeline meters and the health/metrics HTTP server of this app. */
  public Observability observability() {
    return observability;
  }

  /** The error that stopped the app, if any. */
  public Throwable failure() {
    return failure.get();
  }

  @Override
  public void close() {
    try {
      streams.close(Duration.ofSeconds(30));
    } finally {
      try {
        observability.close(); // [ops]
      } finally {
        codec.close();
      }
    }
  }
}
