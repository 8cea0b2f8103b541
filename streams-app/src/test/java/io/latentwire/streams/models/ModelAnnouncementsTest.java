package io.latentwire.streams.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.schemas.ModelAnnouncement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelAnnouncementsTest {
  @Test
  void shouldRoundTripAnAnnouncementWithItsBundleAndTrainerVersion() {
    ModelBundle b = Bundles.small(2);
    ModelAnnouncement a =
        ModelAnnouncements.create(b, Instant.ofEpochMilli(1_767_225_600_123L), "first", null);
    byte[] value = ModelAnnouncements.serialize(a);
    assertThat(value[0]).isEqualTo((byte) 0xC3); // single-object encoding marker
    assertThat(value[1]).isEqualTo((byte) 0x01);
    ModelAnnouncement back = ModelAnnouncements.deserialize(value);
    assertThat(back).isEqualTo(a);
    assertThat(back.getTrainerVersion()).isEqualTo("test");
    assertThat(ModelBundle.fromBytes(ModelAnnouncements.bytes(back.getBundle())).id())
        .isEqualTo(b.id());
    assertThat(new String(ModelAnnouncements.key(b.id()), StandardCharsets.UTF_8))
        .isEqualTo(b.id().hex());
  }

  @Test
  void shouldRefuseAValueThatIsNotAnAnnouncementWithAClearMessage() {
    assertThatThrownBy(
            () -> ModelAnnouncements.deserialize("hello".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ModelRegistryException.class)
        .hasMessageContaining("not a model announcement");
  }

  @Test
  void shouldRefuseAnAnnouncementOfAnUnknownSchemaVersion() {
    byte[] value =
        ModelAnnouncements.serialize(
            ModelAnnouncements.create(Bundles.small(2), Instant.EPOCH, "", null));
    value[5] ^= 0x55; // inside the schema fingerprint
    assertThatThrownBy(() -> ModelAnnouncements.deserialize(value))
        .isInstanceOf(ModelRegistryException.class)
        .hasMessageContaining("schema this build does not know");
  }
}
