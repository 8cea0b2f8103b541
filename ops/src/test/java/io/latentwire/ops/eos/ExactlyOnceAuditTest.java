package io.latentwire.ops.eos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The audit the crash tests rely on must see every kind of violation. */
class ExactlyOnceAuditTest {
  static final List<ConsumerRecord<byte[], byte[]>> INPUTS =
      List.of(in(0, 0, "a"), in(0, 1, "b"), in(0, 2, "c"), in(1, 0, "d"), in(1, 1, "e"));

  @Test
  void shouldPassOneOutputPerInputInOrderPerInputPartition() {
    var r =
        ExactlyOnceAudit.check(
            INPUTS,
            List.of(out(0, 0, "a"), out(0, 1, "d"), out(0, 2, "c"), out(1, 0, "e")),
            List.of(out(0, 0, "b")));
    assertThat(r.clean()).as(r.toString()).isTrue();
  }

  @Test
  void shouldReportMissingDuplicatedUnknownAndReorderedRecords() {
    var r =
        ExactlyOnceAudit.check(
            INPUTS,
            List.of(
                out(0, 0, "c"), out(0, 1, "a"), out(0, 2, "a"), out(1, 0, "e"), out(1, 1, "zz")),
            List.of(out(0, 0, "d")));
    assertThat(r.clean()).isFalse();
    assertThat(r.missing()).singleElement().asString().startsWith("b ");
    assertThat(r.duplicated()).containsExactly("a x2");
    assertThat(r.unknown()).singleElement().asString().startsWith("zz ");
    // 'a' (offset 0) after 'c' (offset 2) from input partition 0, twice.
    assertThat(r.outOfOrder()).hasSize(2).allMatch(s -> s.startsWith("a "));
  }

  @Test
  void shouldReportAChangedTimestamp() {
    ConsumerRecord<byte[], byte[]> late =
        new ConsumerRecord<>(
            "t.out",
            0,
            0,
            99L,
            org.apache.kafka.common.record.TimestampType.CREATE_TIME,
            1,
            1,
            "a".getBytes(StandardCharsets.UTF_8),
            new byte[] {1},
            new org.apache.kafka.common.header.internals.RecordHeaders(),
            java.util.Optional.empty());
    var r = ExactlyOnceAudit.check(List.of(in(0, 0, "a")), List.of(late), List.of());
    assertThat(r.metadataChanged()).containsExactly("a");
  }

  private static ConsumerRecord<byte[], byte[]> in(int p, long offset, String key) {
    return new ConsumerRecord<>("t", p, offset, key.getBytes(StandardCharsets.UTF_8), new byte[0]);
  }

  private static ConsumerRecord<byte[], byte[]> out(int p, long offset, String key) {
    return new ConsumerRecord<>(
        "t.out", p, offset, key.getBytes(StandardCharsets.UTF_8), new byte[] {1});
  }
}
