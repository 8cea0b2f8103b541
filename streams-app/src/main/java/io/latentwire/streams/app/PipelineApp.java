package io.latentwire.streams.app;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.config.ModelSource;
import io.latentwire.streams.errors.LatentwireStreamsException;
import io.latentwire.streams.models.ModelRegistry;
import io.latentwire.streams.models.ModelRegistryConfig;
import io.latentwire.streams.models.ModelRegistryException;
import io.latentwire.streams.models.ModelResolver;
import io.latentwire.streams.registry.HttpRegistryConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.topology.DecodeTopology;
import io.latentwire.streams.topology.EncodeTopology;
import io.latentwire.streams.topology.Topics;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
  private final LatentCodec codec; // null when a decoder follows the models topic
  private final ModelRegistry models; // null unless a decoder follows the models topic
  private final KafkaStreams streams;
  private final Observability observability; // [ops] metrics + health server
  private final BatchStats batchStats;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private PipelineApp(
      Side side,
      LatentCodec codec,
      ModelRegistry models,
      KafkaStreams streams,
      Observability observability,
      BatchStats batchStats) {
    this.side = side;
    this.codec = codec;
    this.models = models;
    this.streams = streams;
    this.observability = observability;
    this.batchStats = batchStats;
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
   * Loads the model, checks that Kafka can be reached and authenticated to with the app's settings
   * (see {@code startup.check.timeout.ms}), builds the topology and starts streaming.
   *
   * @param registry shared, not owned
   * @throws LatentwireStreamsException when Kafka refuses the credentials or cannot be reached in
   *     time (the message names the bootstrap servers and the cause), or when the model named by
   *     {@code model.id} is not on the models topic or is refused (the message names the id and the
   *     topic)
   * @throws ConfigException naming the key when the model settings do not fit (both or neither of
   *     model.path and model.id on an encoder, an operating point or bound the model lacks)
   */
  public static PipelineApp start(
      Side side, LatentwireConfig config, SchemaRegistryClient registry) {
    String appId = "latentwire-" + side.label() + "-" + config.topic();
    var streamsConfig = config.streamsConfig(appId);
    // The encoder always runs one model; a decoder without model.path or model.id follows the
    // models topic.
    ModelSource source = config.modelSource(side == Side.ENCODE);
    // Local checks first (config, model file, encoder settings, execution provider); a model
    // named by id needs Kafka, so it is fetched after the connectivity check.
    ModelBundle bundle = source instanceof ModelSource.File f ? ModelBundle.read(f.path()) : null;
    EncodeSettings settings =
        side == Side.ENCODE && bundle != null ? config.encodeSettings(bundle) : null;
    if (side == Side.DECODE && !config.encoderSettingKeysSet().isEmpty()) {
      // A file shared by both apps may set them; say so rather than ignore them silently.
      LOG.warn(
          "{} apply to encoders only; this decoder ignores them (each payload records its"
              + " operating point and residual)",
          config.encoderSettingKeysSet());
    }
    LatentCodec codec = bundle == null ? null : LatentCodec.open(bundle, config.inferenceOptions());
    Observability obs = null; // [ops]
    ModelRegistry models = null;
    KafkaStreams streams = null;
    try {
      // After the local checks, before any Kafka client of the app: a refused password must stop
      // it now, not leave its threads retrying.
      KafkaPreflight.check(
          streamsConfig.getAdminConfigs(appId + "-startup-check"),
          config.startupCheckTimeout(),
          side.label() + " app");
      if (source instanceof ModelSource.FromModelsTopic byId) {
        bundle = modelFromTopic(config, byId.id());
        settings = side == Side.ENCODE ? config.encodeSettings(bundle) : null;
        codec = LatentCodec.open(bundle, config.inferenceOptions());
      }
      String modelTag = bundle == null ? "models-topic" : bundle.id().shortHex();
      RecordCodec rc = codec == null ? null : new RecordCodec(codec);
      Topics topics = topics(side, config);
      obs = Observability.create(config, side, modelTag, rc); // [ops]
      BatchSettings batch = config.batchSettings();
      BatchStats stats = new BatchStats();
      Topology topology;
      if (side == Side.ENCODE) {
        LOG.info("encoder max abs error: {}", boundDescription(settings, bundle));
        topology =
            EncodeTopology.build(
                topics, config.errorPolicy(), rc, settings, registry, batch, stats, obs.metrics());
      } else {
        ModelResolver resolver;
        if (rc == null) {
          models = ModelRegistry.start(config.modelRegistryConfig(), config.kafkaClientConfig());
          resolver = models;
        } else {
          resolver = ModelResolver.single(rc, source.configKey());
        }
        topology =
            DecodeTopology.build(
                topics, config.errorPolicy(), resolver, registry, batch, stats, obs.metrics());
      }
      streams = new KafkaStreams(topology, config.streamsProperties(appId));
      PipelineApp app = new PipelineApp(side, codec, models, streams, obs, stats);
      // Kafka Streams accepts a state listener only before start(): install ours here.
      streams.setStateListener(
          (now, before) -> {
            LOG.info("{} app state {} -> {}", side.label(), before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
              app.stopped.countDown();
            }
          });
      streams.setUncaughtExceptionHandler(
          e -> {
            app.failure.compareAndSet(null, e);
            LOG.error("{} app stopped by an error", side.label(), e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
                .StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          });
      LOG.info(
          "starting {} app {}: {} -> {} with model {} from {}{} (batches of up to {} records,"
              + " linger {} ms)",
          side.label(),
          streamsConfig.getString("application.id"),
          topics.input(),
          topics.output(),
          modelTag,
          source.configKey(),
          settings == null ? "" : ", " + settings,
          batch.size(),
          batch.linger().toMillis());
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
      if (models != null) {
        models.close();
      }
      if (codec != null) {
        codec.close();
      }
      throw e;
    }
  }

  /**
   * The verified bundle of model {@code id} from the models topic: read to its end, then waited for
   * up to {@code models.wait.timeout.ms}.
   *
   * @throws LatentwireStreamsException naming model.id, the id and the topic when there is no such
   *     model, or it is refused
   */
  private static ModelBundle modelFromTopic(LatentwireConfig config, String id) {
    ModelRegistryConfig settings = config.modelRegistryConfig();
    try (ModelRegistry registry = ModelRegistry.start(settings, config.kafkaClientConfig())) {
      ModelBundle bundle = registry.awaitBundle(id, settings.waitTimeout());
      LOG.info(
          "{}={}: model {} from the models topic {}",
          LatentwireConfig.MODEL_ID_CONFIG,
          id,
          bundle.id().hex(),
          settings.topic());
      return bundle;
    } catch (ModelRegistryException e) {
      throw new LatentwireStreamsException(
          LatentwireConfig.MODEL_ID_CONFIG + "=" + id + ": " + e.getMessage(), e);
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

  /** Batches drained so far, across every task of this app. */
  public BatchStats batchStats() {
    return batchStats;
  }

  /** Blocks until the app has stopped (closed, or shut down by an error). */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** The error that stopped the app, if any. */
  public Throwable failure() {
    return failure.get();
  }

  @Override
  public void close() {
    try {
      streams.close(Duration.ofSeconds(30));
      LOG.info("{} app closed: {}", side.label(), batchStats.snapshot());
    } finally {
      try {
        observability.close(); // [ops]
      } finally {
        if (models != null) {
          models.close();
        }
        if (codec != null) {
          codec.close();
        }
      }
    }
  }

  /** Which bound the encoder applies and where it comes from, for the start-up log. */
  static String boundDescription(EncodeSettings settings, ModelBundle bundle) {
    if (settings.usesBundleDefaultBound()) {
      String d = bundle.manifest().defaultMaxAbsError();
      return d == null
          ? "none (encode.max.abs.error not set; the model has no default bound)"
          : d + " (the model's default bound; encode.max.abs.error=none turns it off)";
    }
    return settings.hasErrorBound() ? "from encode.max.abs.error" : "none (encode.max.abs.error)";
  }
}
