package io.latentwire.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.schemas.examples.ImageRecord;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {

  @Test
  void shouldNameSubjectsLikeConfluentSerializers() {
    assertThat(SubjectNameStrategy.TOPIC_NAME.subject("t", false, ImageRecord.getClassSchema()))
        .isEqualTo("t-value");
    assertThat(SubjectNameStrategy.TOPIC_NAME.subject("t", true, ImageRecord.getClassSchema()))
        .isEqualTo("t-key");
    assertThat(
            SubjectNameStrategy.TOPIC_RECORD_NAME.subject("t", false, ImageRecord.getClassSchema()))
        .isEqualTo("t-io.latentwire.schemas.examples.ImageRecord");
  }

  @Test
  void shouldParseConfluentClassNamesAndEnumNames() {
    assertThat(
            SubjectNameStrategy.parse("io.confluent.kafka.serializers.subject.TopicNameStrategy"))
        .isEqualTo(SubjectNameStrategy.TOPIC_NAME);
    assertThat(SubjectNameStrategy.parse("record_name")).isEqualTo(SubjectNameStrategy.RECORD_NAME);
  }

  @Test
  void shouldListAllowedValuesWhenTheNameIsUnknown() {
    assertThatThrownBy(() -> SubjectNameStrategy.parse("ByColour"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ByColour'")
        .hasMessageContaining("TopicNameStrategy")
        .hasMessageContaining("TopicRecordNameStrategy");
  }

  @Test
  void shouldRefuseRecordNamingForAnUnnamedSchema() {
    assertThatThrownBy(
            () ->
                SubjectNameStrategy.RECORD_NAME.subject(
                    "t", false, TestRecords.parse("\"string\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RecordNameStrategy needs a named schema");
  }
}
