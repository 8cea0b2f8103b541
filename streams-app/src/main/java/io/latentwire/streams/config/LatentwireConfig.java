package io.latentwire.streams.config;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.ExecutionProvider;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.models.ModelRegistry;
import io.latentwire.streams.models.ModelRegistryConfig;
import io.latentwire.streams.registry.HttpRegistryConfig;
import io.latentwire.streams.registry.RegistryClientConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the encode and decode apps: latentwire's own keys, validated by a {@link
 * ConfigDef}, plus any Kafka Streams / client key, passed through unchanged.
 *
 * <p>Sources, later wins: defaults, the properties file, then {@code LATENTWIRE_*} environment
 * variables ({@code LATENTWIRE_MODEL_PATH} sets {@code model.path}: upper case, dots as
 * underscores).
 */
public final class LatentwireConfig extends AbstractConfig {
  public static final String TOPIC_CONFIG = "topic";
  private static final String TOPIC_DOC =
      "Base topic T. The encoder reads T and writes T.latent; the decoder reads T.latent and writes"
          + " T.reconstructed (names overridable below).";

  public static final String LATENT_TOPIC_CONFIG = "latent.topic";
  private static final String LATENT_TOPIC_DOC = "Topic of latent codes. Default: <topic>.latent.";

  public static final String RECONSTRUCTED_TOPIC_CONFIG = "reconstructed.topic";
  private static final String RECONSTRUCTED_TOPIC_DOC =
      "Topic of reconstructed records. Default: <topic>.reconstructed.";

  public static final String DLQ_TOPIC_CONFIG = "dlq.topic";
  private static final String DLQ_TOPIC_DOC =
      "Dead-letter topic for records that cannot be encoded or decoded. Default: <input topic>.dlq.";

  public static final String ERROR_POLICY_CONFIG = "error.policy";
  private static final String ERROR_POLICY_DOC =
      "What a record that cannot be processed does: CONTINUE sends it to the dead-letter topic with"
          + " the reason in headers and goes on; FAIL stops the app.";

  public static final String MODEL_PATH_CONFIG = "model.path";
  private static final String MODEL_PATH_DOC =
      "Path of the model bundle (.lwm). An encoder needs exactly one of model.path and model.id. A"
          + " decoder with either decodes with that model only (records of other models are"
          + " dead-lettered); a decoder with neither resolves each record's model from the models"
          + " topic (models.*), so a new model needs no restart and old records still decode.";

  public static final String MODEL_ID_CONFIG = "model.id";
  private static final String MODEL_ID_DOC =
      "Id of the model to run, taken from the models topic (models.topic) instead of a file: the"
          + " 16 hex digits 'latentwire model list' prints, or the full 64. The bundle passes the"
          + " same checks as for a decoder (content hash; signature per models.require.signature"
          + " and models.trusted.keys). At start-up the app reads the models topic to its end"
          + " (models.startup.timeout.ms) and waits up to models.wait.timeout.ms for an id that is"
          + " not there yet, then fails naming the id and the topic. The model is fixed for the"
          + " life of the process: to roll a new model out to an encoder, publish it, change"
          + " model.id and restart. Alternative to model.path (give one, not both).";

  // --- Encoder settings: where on the quality ladder, and an optional error bound. ---
  public static final String ENCODE_OPERATING_POINT_CONFIG = "encode.operating.point";
  private static final String ENCODE_OPERATING_POINT_DOC =
      "Operating point of the model's quality ladder the encoder codes at: its index (0, 1, ...)"
          + " or its name, as 'latentwire model show' lists them. Empty: the bundle's default."
          + " Checked against the model at start-up; an index or name it does not have fails,"
          + " listing the ladder. Each payload records its point: decoders need no setting.";

  public static final String ENCODE_MAX_ABS_ERROR_CONFIG = "encode.max.abs.error";
  private static final String ENCODE_MAX_ABS_ERROR_DOC =
      "Guaranteed bound on every reconstructed value, in the data's units, as the CLI's encode"
          + " --max-abs-error takes it: one number for every mapped field, or FIELD=E pairs"
          + " (comma-separated) with an optional *=E for the fields not named, e.g."
          + " 'temp=0.1,pressure=0.5,*=1'; fields not named are unbounded. Empty: the bundle's"
          + " default bound (set by train --max-abs-error; model show lists it), or no bound if it"
          + " has none. 'none': no bound, even when the bundle has a default. Field"
          + " names are checked against the model at start-up. Records the model reconstructs"
          + " worse than the bound carry a residual; the encoder runs the decoder network too"
          + " (about twice the inference).";

  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
  private static final String SCHEMA_REGISTRY_URL_DOC =
      "Comma-separated base URLs of the Confluent-compatible Schema Registry.";

  public static final String ONNX_PROVIDER_CONFIG = "onnx.execution.provider";
  private static final String ONNX_PROVIDER_DOC =
      "ONNX Runtime execution provider: cpu, or cuda (needs the -Pcuda build and a GPU).";

  public static final String ONNX_DEVICE_CONFIG = "onnx.device.id";
  private static final String ONNX_DEVICE_DOC = "CUDA device ordinal.";

  public static final String ONNX_THREADS_CONFIG = "onnx.intra.op.threads";
  private static final String ONNX_THREADS_DOC =
      "ONNX Runtime threads per inference. 1 is fastest on small shared machines.";

  public static final String ONNX_FALLBACK_CONFIG = "onnx.cpu.fallback";
  private static final String ONNX_FALLBACK_DOC =
      "When cuda is configured but unavailable: true runs on CPU with a warning, false fails at start-up.";

  public static final String ONNX_SPINNING_CONFIG = "onnx.allow.spinning";
  private static final String ONNX_SPINNING_DOC =
      "Let idle ONNX Runtime threads spin-wait. Off by default: on a few shared cores spinning"
          + " threads take the CPU that Kafka's own threads need.";

  // --- Operations: HTTP health/metrics endpoint and metrics sampling. ---
  public static final String HTTP_HOST_CONFIG = "http.host";
  private static final String HTTP_HOST_DOC =
      "Address the health and metrics HTTP server binds. Loopback by default: expose it"
          + " deliberately (e.g. 0.0.0.0 in a container), never by accident.";

  public static final String HTTP_PORT_CONFIG = "http.port";
  private static final String HTTP_PORT_DOC =
      "Port of the HTTP server serving /health, /health/live, /health/ready and /metrics"
          + " (Prometheus text format). 0 disables the server.";

  public static final String RECONSTRUCTION_SAMPLE_EVERY_CONFIG =
      "metrics.reconstruction.sample.every";
  private static final String RECONSTRUCTION_SAMPLE_EVERY_DOC =
      "The encoder decodes every N-th code it makes and records the reconstruction error"
          + " (latentwire_reconstruction_* metrics); this is N. Costs one extra decode per N"
          + " records. 0 turns sampling off.";

  public static final String STARTUP_CHECK_TIMEOUT_CONFIG = "startup.check.timeout.ms";
  private static final String STARTUP_CHECK_TIMEOUT_DOC =
      "Before it starts streaming, the app connects to Kafka with the configured security settings"
          + " (an Admin describeCluster) and stops with a message naming the cause when it cannot"
          + " authenticate or reach a broker within this time, rather than retrying silently. 0"
          + " skips the check.";

  // Not "batch.size" / "batch.linger.ms": Kafka's producer owns "batch.size" (bytes), and a
  // Streams config passes unprefixed client keys to the producer; one key meaning both would be a
  // trap for anyone tuning the producer.
  public static final String BATCH_SIZE_CONFIG = "inference.batch.size";
  private static final String BATCH_SIZE_DOC =
      "Records per ONNX Runtime call (per task, i.e. per input partition). 1 processes record by"
          + " record. A batch is always drained before its task commits, so it never holds more"
          + " than one commit interval of records: tune with commit.interval.ms (exactly-once"
          + " default 100 ms) and keep one batch's inference far below transaction.timeout.ms.";

  public static final String BATCH_LINGER_CONFIG = "inference.batch.linger.ms";
  private static final String BATCH_LINGER_DOC =
      "How long the first record of a batch may wait for more before the batch is drained. Checked"
          + " when the next record arrives; an idle partition's batch is drained at the next commit"
          + " (commit.interval.ms). 0 drains on every record. Under exactly_once_v2 outputs become"
          + " visible to read_committed consumers only at commit, so a linger below"
          + " commit.interval.ms shortens no latency, it only shrinks batches; the default matches"
          + " the exactly-once commit interval (100 ms).";

  public static final String ENV_PREFIX = "LATENTWIRE_";

  /** Error policies for records that cannot be processed. */
  public enum ErrorPolicy {
    CONTINUE,
    FAIL
  }

  // The models.* keys (model registry of the decoders) are defined by ModelRegistryConfig, the
  // schema.registry.* security keys (Confluent's names) by RegistryClientConfig.
  public static final ConfigDef CONFIG_DEF =
      RegistryClientConfig.define(ModelRegistryConfig.define(new ConfigDef()))
          .define(
              TOPIC_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              TOPIC_DOC)
          .define(
              StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              Importance.HIGH,
              "Kafka bootstrap servers, host:port, comma-separated.")
          .define(
              SCHEMA_REGISTRY_URL_CONFIG,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              Importance.HIGH,
              SCHEMA_REGISTRY_URL_DOC)
          .define(MODEL_PATH_CONFIG, Type.STRING, "", Importance.HIGH, MODEL_PATH_DOC)
          .define(
              MODEL_ID_CONFIG,
              Type.STRING,
              "",
              new ModelIdValidator(),
              Importance.HIGH,
              MODEL_ID_DOC)
          .define(
              ENCODE_OPERATING_POINT_CONFIG,
              Type.STRING,
              "",
              new OperatingPointValidator(),
              Importance.MEDIUM,
              ENCODE_OPERATING_POINT_DOC)
          .define(
              ENCODE_MAX_ABS_ERROR_CONFIG,
              Type.STRING,
              "",
              new MaxAbsErrorValidator(),
              Importance.MEDIUM,
              ENCODE_MAX_ABS_ERROR_DOC)
          .define(LATENT_TOPIC_CONFIG, Type.STRING, "", Importance.MEDIUM, LATENT_TOPIC_DOC)
          .define(
              RECONSTRUCTED_TOPIC_CONFIG,
              Type.STRING,
              "",
              Importance.MEDIUM,
              RECONSTRUCTED_TOPIC_DOC)
          .define(DLQ_TOPIC_CONFIG, Type.STRING, "", Importance.MEDIUM, DLQ_TOPIC_DOC)
          .define(
              ERROR_POLICY_CONFIG,
              Type.STRING,
              "CONTINUE",
              caseInsensitive(ErrorPolicy.class),
              Importance.MEDIUM,
              ERROR_POLICY_DOC)
          .define(
              ONNX_PROVIDER_CONFIG,
              Type.STRING,
              "cpu",
              caseInsensitive(ExecutionProvider.class),
              Importance.MEDIUM,
              ONNX_PROVIDER_DOC)
          .define(
              ONNX_DEVICE_CONFIG,
              Type.INT,
              0,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              ONNX_DEVICE_DOC)
          .define(
              ONNX_THREADS_CONFIG,
              Type.INT,
              1,
              ConfigDef.Range.between(1, 256),
              Importance.MEDIUM,
              ONNX_THREADS_DOC)
          .define(ONNX_FALLBACK_CONFIG, Type.BOOLEAN, false, Importance.LOW, ONNX_FALLBACK_DOC)
          .define(ONNX_SPINNING_CONFIG, Type.BOOLEAN, false, Importance.LOW, ONNX_SPINNING_DOC)
          // --- Operations (health/metrics). ---
          .define(
              HTTP_HOST_CONFIG,
              Type.STRING,
              "127.0.0.1",
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              HTTP_HOST_DOC)
          .define(
              HTTP_PORT_CONFIG,
              Type.INT,
              8080,
              ConfigDef.Range.between(0, 65535),
              Importance.MEDIUM,
              HTTP_PORT_DOC)
          .define(
              RECONSTRUCTION_SAMPLE_EVERY_CONFIG,
              Type.INT,
              100,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              RECONSTRUCTION_SAMPLE_EVERY_DOC)
          .define(
              STARTUP_CHECK_TIMEOUT_CONFIG,
              Type.LONG,
              30_000L,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              STARTUP_CHECK_TIMEOUT_DOC)
          .define(
              BATCH_SIZE_CONFIG,
              Type.INT,
              64,
              ConfigDef.Range.between(1, BatchSettings.MAX_SIZE),
              Importance.MEDIUM,
              BATCH_SIZE_DOC)
          .define(
              BATCH_LINGER_CONFIG,
              Type.LONG,
              100L,
              ConfigDef.Range.between(0, 60_000),
              Importance.MEDIUM,
              BATCH_LINGER_DOC);

  public LatentwireConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
  }

  /** Reads a properties file and applies {@code LATENTWIRE_*} overrides from {@code env}. */
  public static LatentwireConfig load(Path file, Map<String, String> env) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    Map<String, Object> props = new HashMap<>();
    p.forEach((k, v) -> props.put(k.toString().trim(), v.toString().trim()));
    props.putAll(environmentOverrides(env));
    return new LatentwireConfig(props);
  }

  /** {@code LATENTWIRE_FOO_BAR=x} becomes {@code foo.bar=x}. */
  public static Map<String, String> environmentOverrides(Map<String, String> env) {
    Map<String, String> out = new HashMap<>();
    env.forEach(
        (k, v) -> {
          if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
            out.put(k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
          }
        });
    return out;
  }

  public String topic() {
    return getString(TOPIC_CONFIG);
  }

  public String latentTopic() {
    return orDefault(getString(LATENT_TOPIC_CONFIG), topic() + ".latent");
  }

  public String reconstructedTopic() {
    return orDefault(getString(RECONSTRUCTED_TOPIC_CONFIG), topic() + ".reconstructed");
  }

  /** The dead-letter topic of a side whose input topic is {@code inputTopic}. */
  public String dlqTopic(String inputTopic) {
    return orDefault(getString(DLQ_TOPIC_CONFIG), inputTopic + ".dlq");
  }

  public ErrorPolicy errorPolicy() {
    return ErrorPolicy.valueOf(getString(ERROR_POLICY_CONFIG).toUpperCase(Locale.ROOT));
  }

  /** The model bundle path, if set (the encoder requires one). */
  public java.util.Optional<Path> modelPathIfSet() {
    String p = getString(MODEL_PATH_CONFIG);
    return p == null || p.isBlank()
        ? java.util.Optional.empty()
        : java.util.Optional.of(Path.of(p));
  }

  /** The model bundle path; fails naming the key when it is not set. */
  public Path modelPath() {
    return modelPathIfSet()
        .orElseThrow(
            () ->
                new org.apache.kafka.common.config.ConfigException(
                    MODEL_PATH_CONFIG + " is required here: the path of a model bundle (.lwm)"));
  }

  /** The model id ({@code model.id}, lower case), if set. */
  public java.util.Optional<String> modelIdIfSet() {
    String id = getString(MODEL_ID_CONFIG);
    return id == null || id.isBlank()
        ? java.util.Optional.empty()
        : java.util.Optional.of(ModelRegistry.idPrefix(id));
  }

  /**
   * Where the app's model comes from: {@code model.path} or {@code model.id}, or neither (a decoder
   * then follows the models topic).
   *
   * @param required whether the app needs one model (the encoder does)
   * @throws ConfigException naming both keys when both are set, or neither while one is required
   */
  public ModelSource modelSource(boolean required) {
    var path = modelPathIfSet();
    var id = modelIdIfSet();
    if (path.isPresent() && id.isPresent()) {
      throw new ConfigException(
          MODEL_PATH_CONFIG
              + " and "
              + MODEL_ID_CONFIG
              + " are both set; give one: "
              + MODEL_PATH_CONFIG
              + " for a bundle file, "
              + MODEL_ID_CONFIG
              + " for a model on the models topic");
    }
    if (path.isPresent()) {
      return new ModelSource.File(path.get());
    }
    if (id.isPresent()) {
      return new ModelSource.FromModelsTopic(id.get());
    }
    if (required) {
      throw new ConfigException(
          "no model: set "
              + MODEL_PATH_CONFIG
              + " (a bundle file, .lwm) or "
              + MODEL_ID_CONFIG
              + " (a model on the models topic "
              + getString(ModelRegistryConfig.TOPIC_CONFIG)
              + ", as 'latentwire model list' prints its id)");
    }
    return new ModelSource.FollowModelsTopic();
  }

  /**
   * The encoder's settings ({@code encode.operating.point}, {@code encode.max.abs.error}) for the
   * model it runs. Without {@code encode.max.abs.error} the settings leave the bound to the bundle
   * (its default bound, if {@code train --max-abs-error} gave it one: {@link
   * io.latentwire.codec.LatentCodec} applies it); {@code none} turns every bound off.
   *
   * @throws ConfigException naming the key when the model has no such operating point (the message
   *     lists its ladder) or does not map a field the bound names (the message lists the mapped
   *     fields)
   */
  public EncodeSettings encodeSettings(ModelBundle bundle) {
    EncodeSettings s = EncodeSettings.defaults();
    String point = getString(ENCODE_OPERATING_POINT_CONFIG).trim();
    if (!point.isEmpty()) {
      s =
          s.withOperatingPoint(
              OperatingPoints.indexOf(point, bundle, ENCODE_OPERATING_POINT_CONFIG));
    }
    String bound = getString(ENCODE_MAX_ABS_ERROR_CONFIG).trim();
    if (!bound.isEmpty()) {
      try {
        s =
            s.withMaxAbsError(
                EncodeSettings.parseMaxAbsError(
                    ENCODE_MAX_ABS_ERROR_CONFIG, bound, bundle.manifest().mapping()));
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        throw new ConfigException(
            m.startsWith(ENCODE_MAX_ABS_ERROR_CONFIG)
                ? m
                : ENCODE_MAX_ABS_ERROR_CONFIG
                    + " '"
                    + bound
                    + "' does not fit model "
                    + bundle.id().shortHex()
                    + ": "
                    + m);
      }
    }
    return s;
  }

  /** The encoder-only keys ({@code encode.*}) given a non-empty value, in key order. */
  public java.util.List<String> encoderSettingKeysSet() {
    return java.util.stream.Stream.of(ENCODE_OPERATING_POINT_CONFIG, ENCODE_MAX_ABS_ERROR_CONFIG)
        .filter(k -> !getString(k).isBlank())
        .toList();
  }

  public java.util.List<String> registryUrls() {
    return getList(SCHEMA_REGISTRY_URL_CONFIG);
  }

  /**
   * Settings of the Schema Registry client: {@code schema.registry.url} plus basic auth and TLS
   * ({@code schema.registry.basic.auth.user.info}, {@code schema.registry.ssl.*}).
   *
   * @throws ConfigException naming the key when a value is unusable
   */
  public HttpRegistryConfig registryConfig() {
    return RegistryClientConfig.from(registryUrls(), this);
  }

  /** How long the start-up connectivity and authentication check may take; zero skips it. */
  public Duration startupCheckTimeout() {
    return Duration.ofMillis(getLong(STARTUP_CHECK_TIMEOUT_CONFIG));
  }

  public InferenceOptions inferenceOptions() {
    return new InferenceOptions(
        ExecutionProvider.parse(getString(ONNX_PROVIDER_CONFIG)),
        getInt(ONNX_DEVICE_CONFIG),
        getInt(ONNX_THREADS_CONFIG),
        getBoolean(ONNX_SPINNING_CONFIG),
        getBoolean(ONNX_FALLBACK_CONFIG));
  }

  /** Host the health/metrics HTTP server binds. */
  public String httpHost() {
    return getString(HTTP_HOST_CONFIG);
  }

  /** Port of the health/metrics HTTP server; 0 means no server. */
  public int httpPort() {
    return getInt(HTTP_PORT_CONFIG);
  }

  /** Decode every N-th code to measure reconstruction error; 0 means never. */
  public int reconstructionSampleEvery() {
    return getInt(RECONSTRUCTION_SAMPLE_EVERY_CONFIG);
  }

  /**
   * The environment variable that overrides {@code key}: {@code LATENTWIRE_} + upper case, dots as
   * underscores.
   */
  public static String environmentVariable(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** The {@code models.*} settings: the decoder's model registry (models topic, trust, policy). */
  public ModelRegistryConfig modelRegistryConfig() {
    return ModelRegistryConfig.from(this, inferenceOptions());
  }

  /**
   * Settings for a plain Kafka client of the same cluster (e.g. the model registry's consumer):
   * {@code bootstrap.servers} and every {@code security.*}, {@code sasl.*} and {@code ssl.*} key.
   */
  public Map<String, Object> kafkaClientConfig() {
    Map<String, Object> c = new HashMap<>();
    originals()
        .forEach(
            (k, v) -> {
              if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                c.put(k, v);
              }
            });
    c.put(
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
        String.join(",", getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)));
    return c;
  }

  /** How records are batched for inference. */
  public BatchSettings batchSettings() {
    return new BatchSettings(
        getInt(BATCH_SIZE_CONFIG), Duration.ofMillis(getLong(BATCH_LINGER_CONFIG)));
  }

  /**
   * Kafka Streams properties: every key that is not latentwire's own, plus exactly_once_v2 unless
   * set otherwise, and the given application id unless set.
   */
  public Properties streamsProperties(String defaultApplicationId) {
    Properties p = new Properties();
    originals()
        .forEach(
            (k, v) -> {
              if (!CONFIG_DEF.names().contains(k)
                  || k.equals(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                p.put(k, v);
              }
            });
    p.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, defaultApplicationId);
    p.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Kafka 4.3 warns unless this is set; it becomes the default in Kafka 5.0.
    p.putIfAbsent("processing.exception.handler.global.enabled", "true");
    return p;
  }

  /** Validates the Kafka Streams part too, so a bad Kafka key fails at start-up with its name. */
  public StreamsConfig streamsConfig(String defaultApplicationId) {
    return new StreamsConfig(streamsProperties(defaultApplicationId));
  }

  /** The config reference (key, type, default, valid values, doc) as an HTML table. */
  public static String referenceHtml() {
    return CONFIG_DEF.toHtmlTable();
  }

  /** The config reference as reStructuredText-like text. */
  public static String referenceText() {
    return CONFIG_DEF.toRst();
  }

  private static String orDefault(String v, String dflt) {
    return v == null || v.isBlank() ? dflt : v;
  }

  /** Empty, or 16 to 64 hex digits. */
  private static final class ModelIdValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String v = value == null ? "" : value.toString();
      if (v.isBlank()) {
        return;
      }
      try {
        ModelRegistry.idPrefix(v);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "empty, or a model id: 16 to 64 hex digits";
    }
  }

  /** Empty, an index >= 0, or a name; checked against the model at start-up. */
  private static final class OperatingPointValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String v = value == null ? "" : value.toString().trim();
      if (v.startsWith("-")) {
        throw new ConfigException(
            name, value, "an operating point is an index (0, 1, ...) or a name");
      }
    }

    @Override
    public String toString() {
      return "empty (the bundle's default), an index 0, 1, ... or a name";
    }
  }

  /** Empty, or the syntax of {@link EncodeSettings#parseMaxAbsError}. */
  private static final class MaxAbsErrorValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String v = value == null ? "" : value.toString();
      if (v.isBlank()) {
        return;
      }
      try {
        EncodeSettings.checkMaxAbsErrorSyntax(name, v);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "empty, none, E, or FIELD=E,...[,*=E] with E >= 0";
    }
  }

  private static <E extends Enum<E>> ConfigDef.Validator caseInsensitive(Class<E> e) {
    String[] names =
        java.util.Arrays.stream(e.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT))
            .toArray(String[]::new);
    return ConfigDef.CaseInsensitiveValidString.in(names);
  }
}
