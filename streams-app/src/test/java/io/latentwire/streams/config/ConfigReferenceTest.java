package io.latentwire.streams.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIG.md must be what {@link ConfigReference} generates from the ConfigDef. Regenerate with
 * {@code -Dlatentwire.regenerateDocs=true}.
 */
class ConfigReferenceTest {
  static final boolean REGENERATE = Boolean.getBoolean("latentwire.regenerateDocs");

  @Test
  void shouldKeepDocsConfigMdInStepWithTheConfigDef() throws Exception {
    Path docs = repositoryRoot().resolve(ConfigReference.DOCS_PATH);
    if (REGENERATE) {
      ConfigReference.write(docs);
    }
    assertThat(docs)
        .as(
            "%s is missing or stale: regenerate it with -Dlatentwire.regenerateDocs=true"
                + " (see the comment at its top)",
            ConfigReference.DOCS_PATH)
        .exists();
    assertThat(Files.readString(docs))
        .as(
            "%s is stale: regenerate it with -Dlatentwire.regenerateDocs=true",
            ConfigReference.DOCS_PATH)
        .isEqualTo(ConfigReference.markdown());
  }

  @Test
  void shouldListEveryKeyWithItsEnvironmentVariableAndAllowedValues() {
    String md = ConfigReference.markdown();
    for (String key : LatentwireConfig.CONFIG_DEF.names()) {
      assertThat(md).contains("| `" + key + "` |");
      assertThat(md).contains("`" + LatentwireConfig.environmentVariable(key) + "`");
    }
    assertThat(md)
        .contains("`LATENTWIRE_METRICS_RECONSTRUCTION_SAMPLE_EVERY`")
        .contains("[0,...,65535]")
        .contains("*required*")
        .contains("passes to Kafka Streams unchanged");
  }

  /** Surefire runs in the module folder; the repository root is its parent. */
  private static Path repositoryRoot() {
    Path module = Path.of("").toAbsolutePath();
    Path root = module.getParent();
    if (root == null || !Files.exists(root.resolve("streams-app").resolve("pom.xml"))) {
      throw new IllegalStateException("run from the streams-app module folder, not " + module);
    }
    return root;
  }
}
