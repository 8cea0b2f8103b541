package io.latentwire.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.testing.TestBundles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** model.id versus model.path, and the encoder settings checked against the model. */
class EncoderModelConfigTest {
  static final String ID = "0123456789abcdef";

  /** Three scalar fields, two operating points (q0 default, q1). */
  static final ModelBundle BUNDLE =
      TestBundles.identity(
          List.of(
              new MappedField("a", FieldType.FLOAT, 1),
              new MappedField("b", FieldType.FLOAT, 1),
              new MappedField("c", FieldType.FLOAT, 1)),
          2,
          0.01f,
          0.1f);

  private static LatentwireConfig config(Map<String, Object> extra) {
    Map<String, Object> m = LatentwireConfigTest.minimal();
    m.remove("model.path");
    m.putAll(extra);
    return new LatentwireConfig(m);
  }

  @Test
  void shouldTakeTheModelFromTheModelsTopicWhenOnlyModelIdIsSet() {
    ModelSource s = config(Map.of("model.id", ID.toUpperCase())).modelSource(true);
    assertThat(s).isEqualTo(new ModelSource.FromModelsTopic(ID));
    assertThat(s.configKey()).isEqualTo("model.id");
  }

  @Test
  void shouldTakeTheModelFromItsFileWhenOnlyModelPathIsSet() {
    assertThat(config(Map.of("model.path", "m.lwm")).modelSource(true))
        .isEqualTo(new ModelSource.File(Path.of("m.lwm")));
  }

  @Test
  void shouldRefuseModelPathAndModelIdTogether() {
    LatentwireConfig c = config(Map.of("model.path", "m.lwm", "model.id", ID));
    assertThatThrownBy(() -> c.modelSource(true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("model.path")
        .hasMessageContaining("model.id")
        .hasMessageContaining("both");
    assertThatThrownBy(() -> c.modelSource(false)).isInstanceOf(ConfigException.class);
  }

  @Test
  void shouldNameBothKeysAndTheModelsTopicWhenAnEncoderHasNoModel() {
    assertThatThrownBy(() -> config(Map.of()).modelSource(true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("model.path")
        .hasMessageContaining("model.id")
        .hasMessageContaining("latentwire.models");
  }

  @Test
  void shouldLetADecoderWithoutAModelFollowTheModelsTopic() {
    assertThat(config(Map.of()).modelSource(false)).isEqualTo(new ModelSource.FollowModelsTopic());
  }

  @Test
  void shouldRejectAModelIdThatIsNotSixteenToSixtyFourHexDigits() {
    for (String bad : List.of("abc", "0123456789abcdeg", "x".repeat(16), "0".repeat(65))) {
      assertThatThrownBy(() -> config(Map.of("model.id", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("model.id")
          .hasMessageContaining("hex digits");
    }
  }

  @Test
  void shouldListTheEncoderSettingsThatAreSetSoThatADecoderCanSayItIgnoresThem() {
    assertThat(config(Map.of()).encoderSettingKeysSet()).isEmpty();
    assertThat(
            config(Map.of("encode.max.abs.error", "1", "encode.operating.point", "0"))
                .encoderSettingKeysSet())
        .containsExactly("encode.operating.point", "encode.max.abs.error");
  }

  @Test
  void shouldDefaultToTheBundlesOperatingPointWithoutABound() {
    assertThat(config(Map.of()).encodeSettings(BUNDLE)).isEqualTo(EncodeSettings.defaults());
  }

  @Test
  void shouldTurnEveryBoundOffWithNone() {
    assertThat(config(Map.of("encode.max.abs.error", " None ")).encodeSettings(BUNDLE))
        .isEqualTo(EncodeSettings.defaults().withoutMaxAbsError());
  }

  @Test
  void shouldFindAnOperatingPointByIndexOrByName() {
    EncodeSettings one = EncodeSettings.defaults().withOperatingPoint(1);
    assertThat(config(Map.of("encode.operating.point", "1")).encodeSettings(BUNDLE)).isEqualTo(one);
    assertThat(config(Map.of("encode.operating.point", "q1")).encodeSettings(BUNDLE))
        .isEqualTo(one);
    assertThat(config(Map.of("encode.operating.point", "Q1")).encodeSettings(BUNDLE))
        .isEqualTo(one);
  }

  @Test
  void shouldListTheLadderWhenTheOperatingPointIsOutOfRange() {
    for (String bad : List.of("2", "99999999999", "q7")) {
      assertThatThrownBy(() -> config(Map.of("encode.operating.point", bad)).encodeSettings(BUNDLE))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("encode.operating.point=" + bad)
          .hasMessageContaining(BUNDLE.id().shortHex())
          .hasMessageContaining("0 q0 (step 0.01, default), 1 q1 (step 0.1)");
    }
  }

  @Test
  void shouldRejectANegativeOperatingPointBeforeTheModelIsKnown() {
    assertThatThrownBy(() -> config(Map.of("encode.operating.point", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("encode.operating.point");
  }

  @Test
  void shouldParseTheBoundWithTheSyntaxOfTheCli() {
    EncodeSettings s =
        config(Map.of("encode.max.abs.error", "a=0.5, c=0.25,*=2")).encodeSettings(BUNDLE);
    assertThat(s.maxAbsError(3)).containsExactly(0.5f, 2f, 0.25f);
    assertThat(config(Map.of("encode.max.abs.error", "0.1")).encodeSettings(BUNDLE).maxAbsError(3))
        .containsExactly(0.1f, 0.1f, 0.1f);
    assertThat(config(Map.of("encode.max.abs.error", "b=1")).encodeSettings(BUNDLE).maxAbsError(3))
        .containsExactly(Float.POSITIVE_INFINITY, 1f, Float.POSITIVE_INFINITY);
  }

  @Test
  void shouldRejectABoundWithBadSyntaxBeforeTheModelIsKnown() {
    for (String bad : List.of("a=", "=1", "a=-1", "fast", "a=1,a=2")) {
      assertThatThrownBy(() -> config(Map.of("encode.max.abs.error", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("encode.max.abs.error '" + bad + "'");
    }
  }

  @Test
  void shouldNameTheMappedFieldsWhenTheBoundNamesAnotherOne() {
    assertThatThrownBy(
            () -> config(Map.of("encode.max.abs.error", "temp=0.1")).encodeSettings(BUNDLE))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("encode.max.abs.error 'temp=0.1'")
        .hasMessageContaining("[temp]")
        .hasMessageContaining("[a, b, c]");
  }
}
