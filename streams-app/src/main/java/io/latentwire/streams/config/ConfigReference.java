package io.latentwire.streams.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Writes the configuration reference, {@code docs/CONFIG.md}, from {@link
 * LatentwireConfig#CONFIG_DEF}, so the docs cannot drift from the code (a test compares them).
 *
 * <p>Run {@code main} with the output path, or the test with {@code
 * -Dlatentwire.regenerateDocs=true}.
 */
public final class ConfigReference {
  /** Where the reference lives, relative to the repository root. */
  public static final String DOCS_PATH = "docs/CONFIG.md";

  private ConfigReference() {}

  /** The whole reference page, Markdown. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Configuration reference\n\n")
        .append("<!-- Generated from LatentwireConfig.CONFIG_DEF by")
        .append(" io.latentwire.streams.config.ConfigReference; do not edit by hand.\n")
        .append("     Regenerate: mvn -B -pl streams-app -am test -Dtest=ConfigReferenceTest")
        .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dlatentwire.regenerateDocs=true -->\n\n")
        .append("The encode and decode apps (`./latentwire run encode|decode --config FILE`) read")
        .append(" a Java properties file.\n")
        .append("Sources, later wins: the defaults below, the properties file, then environment")
        .append(" variables.\n")
        .append("The variable of a key is `")
        .append(LatentwireConfig.ENV_PREFIX)
        .append("` followed by the key in upper case with dots as underscores: `")
        .append(LatentwireConfig.environmentVariable(LatentwireConfig.MODEL_PATH_CONFIG))
        .append("` sets `")
        .append(LatentwireConfig.MODEL_PATH_CONFIG)
        .append("`.\nThis works for Kafka keys too (`LATENTWIRE_NUM_STREAM_THREADS` sets")
        .append(" `num.stream.threads`).\n\n")
        .append("Bad values fail at start-up with a message that names the key and the allowed")
        .append(" values.\n\n")
        .append("## Kafka Streams and client keys\n\n")
        .append("Any key not listed below passes to Kafka Streams unchanged: every Kafka Streams")
        .append(
            " setting (`num.stream.threads`, `commit.interval.ms`, `state.dir`, ...) and client")
        .append(" settings with their prefixes (`producer.compression.type`,")
        .append(" `consumer.max.poll.records`, `admin.`...). Kafka validates them at start-up")
        .append(" too. latentwire sets these unless you do:\n\n")
        .append("| key | latentwire's default |\n|---|---|\n")
        .append("| `application.id` | `latentwire-<side>-<topic>` |\n")
        .append("| `processing.guarantee` | `exactly_once_v2` |\n")
        .append("| `processing.exception.handler.global.enabled` | `true` |\n\n")
        .append("## Security\n\n")
        .append("Kafka security settings (`security.protocol`, `sasl.*`, `ssl.*`) reach every")
        .append(" Kafka client the app makes: Kafka Streams' own clients and the model registry's")
        .append(" consumer. Before streaming, the app checks them with an Admin `describeCluster`:")
        .append(" a refused password stops it at once with Kafka's message, an unreachable cluster")
        .append(" after `startup.check.timeout.ms`. The Schema Registry client takes Confluent's")
        .append(" `schema.registry.basic.auth.user.info` and `schema.registry.ssl.*` keys below.")
        .append(" The command-line tools (`model publish|list|show`, `replay`) read the same keys")
        .append(" from `--client-config FILE`.\n\n")
        .append("## latentwire keys\n\n")
        .append("| key | type | default | valid values | importance | environment variable |")
        .append(" description |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (ConfigKey k : sortedKeys()) {
      md.append("| `")
          .append(k.name)
          .append("` | ")
          .append(k.type.name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(defaultValue(k))
          .append(" | ")
          .append(cell(validValues(k)))
          .append(" | ")
          .append(k.importance.name().toLowerCase(Locale.ROOT))
          .append(" | `")
          .append(LatentwireConfig.environmentVariable(k.name))
          .append("` | ")
          .append(cell(k.documentation))
          .append(" |\n");
    }
    return md.toString();
  }

  /** Writes {@link #markdown()} to {@code file}, creating its folder. */
  public static void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(file, markdown(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the config reference to " + file, e);
    }
  }

  /** Writes the reference to {@code args[0]}, default {@value #DOCS_PATH}. */
  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : DOCS_PATH);
    write(out);
    System.out.println("wrote " + out);
  }

  /** Most important first; required before optional; then by name. */
  private static List<ConfigKey> sortedKeys() {
    List<ConfigKey> keys = new ArrayList<>(LatentwireConfig.CONFIG_DEF.configKeys().values());
    keys.sort(
        Comparator.<ConfigKey>comparingInt(k -> k.importance.ordinal())
            .thenComparing(ConfigKey::hasDefault)
            .thenComparing(k -> k.name));
    return keys;
  }

  private static String defaultValue(ConfigKey k) {
    if (!k.hasDefault()) {
      return "*required*";
    }
    String v = ConfigDef.convertToString(k.defaultValue, k.type);
    return v == null || v.isEmpty() ? "empty" : "`" + v.replace("|", "\\|") + "`";
  }

  private static String validValues(ConfigKey k) {
    if (k.validator != null) {
      return k.validator.toString();
    }
    return k.type == ConfigDef.Type.BOOLEAN ? "true, false" : "";
  }

  /** Keeps a value inside its Markdown table cell, and {@code <topic>} from reading as HTML. */
  private static String cell(String s) {
    return s == null
        ? ""
        : s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
  }
}
