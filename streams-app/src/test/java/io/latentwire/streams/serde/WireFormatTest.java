package io.latentwire.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void shouldWriteMagicByteThenBigEndianSchemaId() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WireFormat.writeHeader(out, 0x01020304);

    assertThat(out.toByteArray()).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void shouldReadBackTheSchemaIdOfAFramedPayload() {
    byte[] framed = WireFormat.frame(70_000, new byte[] {9, 8, 7});

    assertThat(WireFormat.schemaId("t", framed)).isEqualTo(70_000);
    assertThat(WireFormat.payload("t", framed)).containsExactly(9, 8, 7);
  }

  @Test
  void shouldAcceptAnEmptyPayloadAfterACompleteHeader() {
    assertThat(WireFormat.schemaId("t", new byte[] {0, 0, 0, 0, 5})).isEqualTo(5);
  }

  @Test
  void shouldRejectAShortRecordNamingItsLengthAndTopic() {
    assertThatThrownBy(() -> WireFormat.schemaId("sensors", new byte[] {0, 0, 1}))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(SerdeException.Reason.TRUNCATED);
              assertThat(e.topic()).isEqualTo("sensors");
            })
        .hasMessageContaining("3 bytes")
        .hasMessageContaining("topic 'sensors'")
        .hasMessageContaining("at least 5 bytes");
  }

  @Test
  void shouldRejectAnEmptyRecordAsTruncated() {
    assertThatThrownBy(() -> WireFormat.schemaId("t", new byte[0]))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.TRUNCATED))
        .hasMessageContaining("0 bytes");
  }

  @Test
  void shouldRejectAnUnknownMagicByteNamingTheByteAndTheLength() {
    byte[] data = {1, 0, 0, 0, 1, 42, 42};

    assertThatThrownBy(() -> WireFormat.schemaId("images", data))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.UNKNOWN_MAGIC_BYTE))
        .hasMessageContaining("0x01")
        .hasMessageContaining("7 bytes")
        .hasMessageContaining("topic 'images'");
  }
}
