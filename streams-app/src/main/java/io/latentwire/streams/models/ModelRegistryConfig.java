package io.latentwire.streams.models;

import io.latentwire.codec.onnx.InferenceOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of a {@link ModelRegistry}. Validated at construction; errors name the setting, the bad
 * value and what is allowed. The {@code models.*} keys are defined here ({@link #define}) so that
 * an app config can include them.
 *
 * @param topic the compacted models topic
 * @param trustedKeys keys whose signatures are trusted
 * @param requireSignature refuse bundles that are not signed by a trusted key
 * @param unknownPolicy what a record naming an unknown model does
 * @param waitTimeout how long WAIT blocks per unknown model id; zero or more
 * @param maxOpenCodecs models whose ONNX sessions are kept open at once (LRU), 1 or more
 * @param startupTimeout how long {@link ModelRegistry#start} may take to read the topic to its end
 * @param inference how the ONNX sessions are opened
 */
public record ModelRegistryConfig(
    String topic,
    TrustedKeys trustedKeys,
    boolean requireSignature,
    UnknownModelPolicy unknownPolicy,
    Duration waitTimeout,
    int maxOpenCodecs,
    Duration startupTimeout,
    InferenceOptions inference) {

  public static final String TOPIC_CONFIG = "models.topic";
  private static final String TOPIC_DOC =
      "Compacted topic of model announcements (key = model id, value = bundle). Decoders read it"
          + " from the beginning and follow it, so a newly published model needs no restart.";

  public static final String TRUSTED_KEYS_CONFIG = "models.trusted.keys";
  private static final String TRUSTED_KEYS_DOC =
      "Ed25519 public keys trusted to sign model bundles, comma-separated: KEYID:BASE64 (X.509"
          + " SubjectPublicKeyInfo, as printed by 'latentwire model keygen') or KEYID:file:PATH (a"
          + " PEM PUBLIC KEY file). A signature by a listed key must verify or the bundle is"
          + " refused.";

  public static final String REQUIRE_SIGNATURE_CONFIG = "models.require.signature";
  private static final String REQUIRE_SIGNATURE_DOC =
      "true: refuse bundles that are not signed by a key in models.trusted.keys. false: also"
          + " accept unsigned bundles (their content hash is still verified).";

  public static final String UNKNOWN_POLICY_CONFIG = "models.unknown.policy";
  private static final String UNKNOWN_POLICY_DOC =
      "A record naming a model that is not announced: DEAD_LETTER sends it to the dead-letter"
          + " topic; WAIT blocks the task up to models.wait.timeout.ms per model id for the model to"
          + " arrive, then dead-letters. Refused (untrusted) models are dead-lettered at once.";

  public static final String WAIT_TIMEOUT_CONFIG = "models.wait.timeout.ms";
  private static final String WAIT_TIMEOUT_DOC =
      "Under models.unknown.policy=WAIT, how long records of one unknown model id may block the"
          + " task in total. Under exactly_once_v2 keep it below the producer's"
          + " transaction.timeout.ms (Kafka Streams sets 10000), or raise that: a transaction left"
          + " open longer is aborted by the broker and the task restarts from its last commit."
          + " An app started with model.id waits this long at start-up for a model id that is"
          + " not on the topic yet.";

  public static final String MAX_OPEN_CODECS_CONFIG = "models.cache.max.codecs";
  private static final String MAX_OPEN_CODECS_DOC =
      "Models whose ONNX sessions stay open at once; the least recently used is closed past this."
          + " Each holds native memory.";

  public static final String STARTUP_TIMEOUT_CONFIG = "models.startup.timeout.ms";
  private static final String STARTUP_TIMEOUT_DOC =
      "How long a decoder may take at start-up to read the models topic to its end.";

  public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_OPEN_CODECS = 8;
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

  public ModelRegistryConfig {
    Objects.requireNonNull(topic, "topic");
    if (topic.isBlank()) {
      throw new IllegalArgumentException(TOPIC_CONFIG + ": must not be empty");
    }
    Objects.requireNonNull(trustedKeys, "trustedKeys");
    Objects.requireNonNull(unknownPolicy, "unknownPolicy");
    Objects.requireNonNull(inference, "inference");
    if (waitTimeout == null || waitTimeout.isNegative()) {
      throw new IllegalArgumentException(
          WAIT_TIMEOUT_CONFIG + ": must be 0 or more, got " + waitTimeout);
    }
    if (maxOpenCodecs < 1) {
      throw new IllegalArgumentException(
          MAX_OPEN_CODECS_CONFIG + ": must be 1 or more, got " + maxOpenCodecs);
    }
    if (startupTimeout == null || startupTimeout.isNegative() || startupTimeout.isZero()) {
      throw new IllegalArgumentException(
          STARTUP_TIMEOUT_CONFIG + ": must be positive, got " + startupTimeout);
    }
    if (requireSignature && trustedKeys.isEmpty()) {
      throw new IllegalArgumentException(
          REQUIRE_SIGNATURE_CONFIG
              + "=true needs at least one key in "
              + TRUSTED_KEYS_CONFIG
              + ", or no bundle could ever be accepted");
    }
  }

  /** Defaults: unsigned bundles accepted, DEAD_LETTER, CPU inference. */
  public static ModelRegistryConfig defaults(String topic) {
    return new ModelRegistryConfig(
        topic,
        TrustedKeys.none(),
        false,
        UnknownModelPolicy.DEAD_LETTER,
        DEFAULT_WAIT_TIMEOUT,
        DEFAULT_MAX_OPEN_CODECS,
        DEFAULT_STARTUP_TIMEOUT,
        InferenceOptions.cpu());
  }

  public ModelRegistryConfig withTrustedKeys(TrustedKeys keys, boolean require) {
    return new ModelRegistryConfig(
        topic, keys, require, unknownPolicy, waitTimeout, maxOpenCodecs, startupTimeout, inference);
  }

  public ModelRegistryConfig withUnknownPolicy(UnknownModelPolicy policy, Duration wait) {
    return new ModelRegistryConfig(
        topic,
        trustedKeys,
        requireSignature,
        policy,
        wait,
        maxOpenCodecs,
        startupTimeout,
        inference);
  }

  public ModelRegistryConfig withMaxOpenCodecs(int max) {
    return new ModelRegistryConfig(
        topic,
        trustedKeys,
        requireSignature,
        unknownPolicy,
        waitTimeout,
        max,
        startupTimeout,
        inference);
  }

  public ModelRegistryConfig withInference(InferenceOptions options) {
    return new ModelRegistryConfig(
        topic,
        trustedKeys,
        requireSignature,
        unknownPolicy,
        waitTimeout,
        maxOpenCodecs,
        startupTimeout,
        options);
  }

  /** Adds the {@code models.*} keys to {@code def} and returns it. */
  public static ConfigDef define(ConfigDef def) {
    String group = "Model registry";
    int order = 0;
    return def.define(
            TOPIC_CONFIG,
            Type.STRING,
            ModelAnnouncements.DEFAULT_TOPIC,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            TOPIC_DOC,
            group,
            ++order,
            ConfigDef.Width.MEDIUM,
            TOPIC_CONFIG)
        .define(
            TRUSTED_KEYS_CONFIG,
            Type.LIST,
            "",
            new TrustedKeysValidator(),
            Importance.MEDIUM,
            TRUSTED_KEYS_DOC,
            group,
            ++order,
            ConfigDef.Width.LONG,
            TRUSTED_KEYS_CONFIG)
        .define(
            REQUIRE_SIGNATURE_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            REQUIRE_SIGNATURE_DOC,
            group,
            ++order,
            ConfigDef.Width.SHORT,
            REQUIRE_SIGNATURE_CONFIG)
        .define(
            UNKNOWN_POLICY_CONFIG,
            Type.STRING,
            UnknownModelPolicy.DEAD_LETTER.name(),
            ConfigDef.CaseInsensitiveValidString.in(
                Arrays.stream(UnknownModelPolicy.values())
                    .map(UnknownModelPolicy::name)
                    .toArray(String[]::new)),
            Importance.MEDIUM,
            UNKNOWN_POLICY_DOC,
            group,
            ++order,
            ConfigDef.Width.SHORT,
            UNKNOWN_POLICY_CONFIG)
        .define(
            WAIT_TIMEOUT_CONFIG,
            Type.LONG,
            DEFAULT_WAIT_TIMEOUT.toMillis(),
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            WAIT_TIMEOUT_DOC,
            group,
            ++order,
            ConfigDef.Width.SHORT,
            WAIT_TIMEOUT_CONFIG)
        .define(
            MAX_OPEN_CODECS_CONFIG,
            Type.INT,
            DEFAULT_MAX_OPEN_CODECS,
            ConfigDef.Range.between(1, 1024),
            Importance.LOW,
            MAX_OPEN_CODECS_DOC,
            group,
            ++order,
            ConfigDef.Width.SHORT,
            MAX_OPEN_CODECS_CONFIG)
        .define(
            STARTUP_TIMEOUT_CONFIG,
            Type.LONG,
            DEFAULT_STARTUP_TIMEOUT.toMillis(),
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            STARTUP_TIMEOUT_DOC,
            group,
            ++order,
            ConfigDef.Width.SHORT,
            STARTUP_TIMEOUT_CONFIG);
  }

  /**
   * Reads the {@code models.*} keys of an app config whose ConfigDef went through {@link #define}.
   *
   * @throws ConfigException naming the key when the values do not fit together
   */
  public static ModelRegistryConfig from(AbstractConfig config, InferenceOptions inference) {
    try {
      return new ModelRegistryConfig(
          config.getString(TOPIC_CONFIG),
          TrustedKeys.parse(config.getList(TRUSTED_KEYS_CONFIG), TRUSTED_KEYS_CONFIG),
          config.getBoolean(REQUIRE_SIGNATURE_CONFIG),
          UnknownModelPolicy.valueOf(
              config.getString(UNKNOWN_POLICY_CONFIG).toUpperCase(Locale.ROOT)),
          Duration.ofMillis(config.getLong(WAIT_TIMEOUT_CONFIG)),
          config.getInt(MAX_OPEN_CODECS_CONFIG),
          Duration.ofMillis(config.getLong(STARTUP_TIMEOUT_CONFIG)),
          inference);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** Parses every entry at start-up; prints as the allowed form in the config reference. */
  private static final class TrustedKeysValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      @SuppressWarnings("unchecked")
      List<String> entries = (List<String>) value;
      try {
        TrustedKeys.parse(entries, name);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "list of KEYID:BASE64 or KEYID:file:PATH";
    }
  }
}
