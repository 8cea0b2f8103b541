package io.latentwire.streams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.schemas.examples.ImageRecord;
import io.latentwire.schemas.examples.TelemetryRecord;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

  static final String V1 =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
  static final String V2_WITH_DEFAULT =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
          + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}]}";
  static final String V2_WITHOUT_DEFAULT =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
          + "{\"name\":\"b\",\"type\":\"string\"}]}";

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }

  @Test
  void shouldGiveRegistryWideIdsStartingAtOne() {
    int image = registry.register("images-value", ImageRecord.getClassSchema());
    int telemetry = registry.register("pumps-value", TelemetryRecord.getClassSchema());

    assertThat(image).isEqualTo(1);
    assertThat(telemetry).isEqualTo(2);
    assertThat(registry.getById(2)).isEqualTo(TelemetryRecord.getClassSchema());
  }

  @Test
  void shouldGiveTheSameIdToTheSameSchemaUnderAnotherSubject() {
    int first = registry.register("a-value", ImageRecord.getClassSchema());
    int second = registry.register("b-value", ImageRecord.getClassSchema());

    assertThat(second).isEqualTo(first);
    assertThat(registry.getLatest("b-value").version()).isEqualTo(1);
    assertThat(registry.subjectVersionsForId(first))
        .containsExactly(new SubjectVersion("a-value", 1), new SubjectVersion("b-value", 1));
  }

  @Test
  void shouldNotAddAVersionWhenTheSameSchemaIsRegisteredAgain() {
    int id = registry.register("s", parse(V1));
    registry.register("s", parse(V2_WITH_DEFAULT));

    assertThat(registry.register("s", parse(V1))).isEqualTo(id);
    assertThat(registry.listVersions("s")).containsExactly(1, 2);
  }

  @Test
  void shouldTreatWhitespaceAndKeyOrderAsTheSameSchemaButNotDocs() {
    int id = registry.register("s", parse(V1));
    Schema reformatted =
        parse(
            "{ \"fields\" : [ {\"type\":\"int\", \"name\":\"a\"} ], \"name\":\"R\", \"type\":\"record\" }");
    Schema documented =
        parse(
            "{\"type\":\"record\",\"name\":\"R\",\"doc\":\"d\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");

    assertThat(registry.register("s", reformatted)).isEqualTo(id);
    assertThat(registry.register("s", documented)).isNotEqualTo(id);
  }

  @Test
  void shouldRefuseABackwardIncompatibleChangeWith409ByDefault() {
    registry.register("s", parse(V1));

    assertThatThrownBy(() -> registry.register("s", parse(V2_WITHOUT_DEFAULT)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(409);
              assertThat(e.isIncompatible()).isTrue();
            })
        .hasMessageContaining("incompatible with an earlier schema for subject \"s\"")
        .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(registry.listVersions("s")).containsExactly(1);
  }

  @Test
  void shouldAcceptAnyChangeUnderNone() {
    registry.register("s", parse(V1));
    registry.setCompatibility("s", CompatibilityLevel.NONE);

    registry.register("s", parse(V2_WITHOUT_DEFAULT));

    assertThat(registry.listVersions("s")).containsExactly(1, 2);
    assertThat(registry.getCompatibility("other")).isEqualTo(CompatibilityLevel.BACKWARD);
  }

  @Test
  void shouldCheckOnlyTheLatestVersionUnlessTransitive() {
    registry.register("s", parse(V1));
    registry.setCompatibility("s", CompatibilityLevel.NONE);
    registry.register("s", parse(V2_WITHOUT_DEFAULT));
    // v3 widens a to long: it reads v2 data (int promotes to long), but not v1 data, which
    // lacks b, and b has no default.
    Schema v3 = parse(V2_WITHOUT_DEFAULT.replace("\"type\":\"int\"", "\"type\":\"long\""));

    registry.setCompatibility("s", CompatibilityLevel.BACKWARD);
    assertThat(registry.testCompatibility("s", v3)).isTrue();

    registry.setCompatibility("s", CompatibilityLevel.BACKWARD_TRANSITIVE);
    assertThat(registry.testCompatibility("s", v3)).isFalse();
    assertThat(registry.compatibilityProblems("s", "latest", v3))
        .singleElement()
        .asString()
        .contains("oldSchemaVersion: 1");
    assertThat(registry.compatibilityProblems("s", "2", v3)).isEmpty();
  }

  @Test
  void shouldCheckForwardAndFullInTheRightDirection() {
    registry.register("s", parse(V1));
    // Adding a field without default: new reader cannot read old data (not BACKWARD), but the
    // old reader can read new data, ignoring b (FORWARD).
    registry.setCompatibility("s", CompatibilityLevel.FORWARD);
    assertThat(registry.testCompatibility("s", parse(V2_WITHOUT_DEFAULT))).isTrue();
    registry.setCompatibility("s", CompatibilityLevel.FULL);
    assertThat(registry.testCompatibility("s", parse(V2_WITHOUT_DEFAULT))).isFalse();
    assertThat(registry.testCompatibility("s", parse(V2_WITH_DEFAULT))).isTrue();
  }

  @Test
  void shouldAcceptAnySchemaForASubjectWithoutVersions() {
    assertThat(registry.testCompatibility("new", parse(V1))).isTrue();
  }

  @Test
  void shouldAnswerLatestAndNumberedVersions() {
    int id1 = registry.register("s", parse(V1));
    int id2 = registry.register("s", parse(V2_WITH_DEFAULT));

    assertThat(registry.getBySubjectVersion("s", "1"))
        .isEqualTo(new RegisteredSchema("s", 1, id1, parse(V1)));
    assertThat(registry.getLatest("s").id()).isEqualTo(id2);
    assertThat(registry.getBySubjectVersion("s", "-1").version()).isEqualTo(2);
  }

  @Test
  void shouldUseConfluentErrorCodesForMissingThings() {
    registry.register("s", parse(V1));

    assertThatThrownBy(() -> registry.getById(9))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403))
        .hasMessageContaining("Schema 9 not found");
    assertThatThrownBy(() -> registry.getLatest("nope"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.isSubjectNotFound()).isTrue())
        .hasMessageContaining("Subject 'nope' not found.");
    assertThatThrownBy(() -> registry.getBySubjectVersion("s", "5"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
    assertThatThrownBy(() -> registry.getBySubjectVersion("s", "zero"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(42202);
              assertThat(e.httpStatus()).isEqualTo(422);
            });
    assertThatThrownBy(() -> registry.lookup("s", parse(V2_WITH_DEFAULT)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.isSchemaNotFound()).isTrue());
  }

  @Test
  void shouldLookUpARegisteredSchemaWithItsVersion() {
    registry.register("s", parse(V1));
    int id = registry.register("s", parse(V2_WITH_DEFAULT));

    RegisteredSchema found = registry.lookup("s", parse(V2_WITH_DEFAULT));

    assertThat(found.version()).isEqualTo(2);
    assertThat(found.id()).isEqualTo(id);
    assertThat(registry.lookupId("s", parse(V2_WITH_DEFAULT))).isEqualTo(id);
  }

  @Test
  void shouldDeleteASubjectButKeepItsIdsReadable() {
    int id = registry.register("s", parse(V1));

    assertThat(registry.deleteSubject("s")).containsExactly(1);

    assertThat(registry.listSubjects()).isEmpty();
    assertThat(registry.getById(id)).isEqualTo(parse(V1));
    assertThat(registry.register("s", parse(V1))).isEqualTo(id);
  }

  @Test
  void shouldKeepSubjectLevelsApartFromTheGlobalLevel() {
    registry.setCompatibility("s", CompatibilityLevel.FULL);

    assertThat(registry.subjectCompatibility("s")).contains(CompatibilityLevel.FULL);
    assertThat(registry.subjectCompatibility("t")).isEmpty();
    assertThat(registry.deleteSubjectCompatibility("s")).isEqualTo(CompatibilityLevel.FULL);
    assertThat(registry.getCompatibility("s")).isEqualTo(CompatibilityLevel.BACKWARD);
  }

  @Test
  void shouldRejectAnEmptySubject() {
    assertThatThrownBy(() -> registry.register(" ", parse(V1)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42208));
  }
}
