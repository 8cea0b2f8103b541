package io.latentwire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bound spec shared by the CLI's --max-abs-error and the streams app's encode.max.abs.error.
 */
class MaxAbsErrorSpecTest {
  static final FieldMapping MAPPING =
      new FieldMapping(
          List.of(
              new MappedField("temp", FieldType.FLOAT, 1),
              new MappedField("pixels", FieldType.ARRAY_FLOAT, 2),
              new MappedField("rpm", FieldType.FLOAT, 1)));

  @Test
  void shouldGiveEveryFeatureTheSameBoundForOneNumber() {
    assertThat(EncodeSettings.parseMaxAbsError("--max-abs-error", " 0.5 ", MAPPING))
        .containsExactly(0.5f, 0.5f, 0.5f, 0.5f);
  }

  @Test
  void shouldGiveEachFieldsFeaturesItsBoundAndTheOthersTheStarBound() {
    assertThat(EncodeSettings.parseMaxAbsError("k", "pixels=8, temp=0.1,*=1", MAPPING))
        .containsExactly(0.1f, 8f, 8f, 1f);
    assertThat(EncodeSettings.parseMaxAbsError("k", "rpm=2", MAPPING))
        .containsExactly(
            Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, 2f);
  }

  @Test
  void shouldNameTheOptionTheSpecAndTheBadPartOnASyntaxError() {
    assertThatThrownBy(() -> EncodeSettings.checkMaxAbsErrorSyntax("encode.max.abs.error", "temp"))
        .hasMessage("encode.max.abs.error 'temp': 'temp' is not a number >= 0");
    assertThatThrownBy(() -> EncodeSettings.checkMaxAbsErrorSyntax("--max-abs-error", "temp=1,2"))
        .hasMessageContaining("--max-abs-error 'temp=1,2': '2' is not FIELD=E");
    assertThatThrownBy(() -> EncodeSettings.checkMaxAbsErrorSyntax("k", "temp=-1"))
        .hasMessageContaining("'-1' is not a number >= 0");
    assertThatThrownBy(() -> EncodeSettings.checkMaxAbsErrorSyntax("k", "temp=1,temp=2"))
        .hasMessageContaining("temp is given more than once");
    assertThatThrownBy(() -> EncodeSettings.checkMaxAbsErrorSyntax("k", " "))
        .hasMessageContaining("empty");
  }

  @Test
  void shouldListTheMappedFieldsWhenTheSpecNamesAnotherOne() {
    assertThatThrownBy(() -> EncodeSettings.parseMaxAbsError("k", "pressure=1", MAPPING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[pressure]")
        .hasMessageContaining("[temp, pixels, rpm]");
  }
}
