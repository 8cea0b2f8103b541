package io.latentwire.streams.registry;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The {@code schema.registry.*} security keys, under Confluent's names, so that a properties file
 * written for Confluent's serializers works here too: basic auth ({@code
 * schema.registry.basic.auth.user.info}) and TLS ({@code schema.registry.ssl.*}). {@link #define}
 * adds them to an app's {@link ConfigDef}; {@link #from} and {@link #fromProperties} turn them into
 * an {@link HttpRegistryConfig}.
 */
public final class RegistryClientConfig {
  /** Every key of this class starts with this. */
  public static final String PREFIX = "schema.registry.";

  public static final String BASIC_AUTH_USER_INFO_CONFIG = "schema.registry.basic.auth.user.info";
  private static final String BASIC_AUTH_USER_INFO_DOC =
      "user:password for HTTP basic authentication to the Schema Registry (Confluent's name)."
          + " Credentials in the URL (https://user:password@host) work too; this key wins.";

  public static final String TRUSTSTORE_LOCATION_CONFIG = RegistryTls.TRUSTSTORE_LOCATION;
  private static final String TRUSTSTORE_LOCATION_DOC =
      "Trust store holding the CA (or certificate) of an https:// Schema Registry. Empty: the"
          + " JDK's default trust anchors. The registry's host name must match its certificate.";

  public static final String TRUSTSTORE_PASSWORD_CONFIG = "schema.registry.ssl.truststore.password";
  private static final String TRUSTSTORE_PASSWORD_DOC = "Password of the trust store.";

  public static final String TRUSTSTORE_TYPE_CONFIG = "schema.registry.ssl.truststore.type";
  private static final String TRUSTSTORE_TYPE_DOC = "Type of the trust store: JKS or PKCS12.";

  public static final String KEYSTORE_LOCATION_CONFIG = RegistryTls.KEYSTORE_LOCATION;
  private static final String KEYSTORE_LOCATION_DOC =
      "Key store with the client certificate, for a Schema Registry that requires mutual TLS."
          + " Empty: no client certificate.";

  public static final String KEYSTORE_PASSWORD_CONFIG = "schema.registry.ssl.keystore.password";
  private static final String KEYSTORE_PASSWORD_DOC = "Password of the key store.";

  public static final String KEYSTORE_TYPE_CONFIG = "schema.registry.ssl.keystore.type";
  private static final String KEYSTORE_TYPE_DOC = "Type of the key store: JKS or PKCS12.";

  public static final String KEY_PASSWORD_CONFIG = "schema.registry.ssl.key.password";
  private static final String KEY_PASSWORD_DOC =
      "Password of the private key in the key store. Empty: the key store's password.";

  private static final ConfigDef STANDALONE = define(new ConfigDef());

  private RegistryClientConfig() {}

  /** Adds the {@code schema.registry.*} security keys to {@code def} and returns it. */
  public static ConfigDef define(ConfigDef def) {
    String group = "Schema Registry";
    int order = 0;
    return def.define(
            BASIC_AUTH_USER_INFO_CONFIG,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            BASIC_AUTH_USER_INFO_DOC,
            group,
            ++order,
            ConfigDef.Width.MEDIUM,
            BASIC_AUTH_USER_INFO_CONFIG)
        .define(
            TRUSTSTORE_LOCATION_CONFIG,
            Type.STRING,
            "",
            Importance.MEDIUM,
            TRUSTSTORE_LOCATION_DOC,
            group,
            ++order,
            ConfigDef.Width.LONG,
            TRUSTSTORE_LOCATION_CONFIG)
        .define(
            TRUSTSTORE_PASSWORD_CONFIG,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            TRUSTSTORE_PASSWORD_DOC,
            group,
            ++order,
            ConfigDef.Width.MEDIUM,
            TRUSTSTORE_PASSWORD_CONFIG)
        .define(
            TRUSTSTORE_TYPE_CONFIG,
            Type.STRING,
            RegistryTls.DEFAULT_STORE_TYPE,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            TRUSTSTORE_TYPE_DOC,
            group,
            ++order,
            ConfigDef.Width.SHORT,
            TRUSTSTORE_TYPE_CONFIG)
        .define(
            KEYSTORE_LOCATION_CONFIG,
            Type.STRING,
            "",
            Importance.LOW,
            KEYSTORE_LOCATION_DOC,
            group,
            ++order,
            ConfigDef.Width.LONG,
            KEYSTORE_LOCATION_CONFIG)
        .define(
            KEYSTORE_PASSWORD_CONFIG,
            Type.PASSWORD,
            null,
            Importance.LOW,
            KEYSTORE_PASSWORD_DOC,
            group,
            ++order,
            ConfigDef.Width.MEDIUM,
            KEYSTORE_PASSWORD_CONFIG)
        .define(
            KEYSTORE_TYPE_CONFIG,
            Type.STRING,
            RegistryTls.DEFAULT_STORE_TYPE,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            KEYSTORE_TYPE_DOC,
            group,
            ++order,
            ConfigDef.Width.SHORT,
            KEYSTORE_TYPE_CONFIG)
        .define(
            KEY_PASSWORD_CONFIG,
            Type.PASSWORD,
            null,
            Importance.LOW,
            KEY_PASSWORD_DOC,
            group,
            ++order,
            ConfigDef.Width.MEDIUM,
            KEY_PASSWORD_CONFIG);
  }

  /**
   * The registry client settings of an app config whose ConfigDef went through {@link #define}.
   *
   * @param urls the registry URLs ({@code schema.registry.url}); user info in a URL becomes the
   *     basic-auth credentials unless {@code schema.registry.basic.auth.user.info} is set
   * @throws ConfigException naming the key when a value is unusable
   */
  public static HttpRegistryConfig from(List<String> urls, AbstractConfig config) {
    HttpRegistryConfig c;
    try {
      c = HttpRegistryConfig.of(String.join(",", urls));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    String userInfo = reveal(config.getPassword(BASIC_AUTH_USER_INFO_CONFIG));
    if (userInfo != null) {
      if (!userInfo.contains(":")) {
        throw new ConfigException(
            BASIC_AUTH_USER_INFO_CONFIG + ": expected 'user:password', got a value without ':'");
      }
      c = c.withBasicAuth(userInfo);
    }
    Path truststore = path(config.getString(TRUSTSTORE_LOCATION_CONFIG));
    Path keystore = path(config.getString(KEYSTORE_LOCATION_CONFIG));
    if (truststore == null && keystore == null) {
      return c;
    }
    return c.withTls(
        new RegistryTls(
            truststore,
            reveal(config.getPassword(TRUSTSTORE_PASSWORD_CONFIG)),
            config.getString(TRUSTSTORE_TYPE_CONFIG),
            keystore,
            reveal(config.getPassword(KEYSTORE_PASSWORD_CONFIG)),
            config.getString(KEYSTORE_TYPE_CONFIG),
            reveal(config.getPassword(KEY_PASSWORD_CONFIG))));
  }

  /**
   * The registry client settings of a tool's properties (e.g. a {@code --client-config} file that
   * also holds Kafka client keys): only the {@code schema.registry.*} keys are read.
   *
   * @throws ConfigException naming the key when a value is unusable or a {@code schema.registry.*}
   *     key is not one of this class's
   */
  public static HttpRegistryConfig fromProperties(String urls, Map<String, ?> properties) {
    Map<String, Object> mine = new HashMap<>();
    properties.forEach(
        (k, v) -> {
          if (isRegistryKey(k)) {
            if (!STANDALONE.names().contains(k)) {
              throw new ConfigException(
                  k
                      + ": not a Schema Registry client setting; known: "
                      + STANDALONE.names().stream().sorted().toList());
            }
            mine.put(k, v);
          }
        });
    return from(List.of(urls), new AbstractConfig(STANDALONE, mine, false));
  }

  /** True for a key this class (or {@code schema.registry.url}) owns. */
  public static boolean isRegistryKey(String key) {
    return key.startsWith(PREFIX);
  }

  private static String reveal(Password p) {
    return p == null || p.value().isEmpty() ? null : p.value();
  }

  private static Path path(String location) {
    return location == null || location.isBlank() ? null : Path.of(location.trim());
  }
}
