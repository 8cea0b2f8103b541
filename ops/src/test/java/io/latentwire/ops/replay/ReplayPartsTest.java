package io.latentwire.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplayPartsTest {
  @Test
  void shouldParseTimesOffsetsAndTheEndsOfTheTopic() {
    assertThat(ReplayBound.parse("2026-01-01T00:00:00Z", "--from"))
        .isEqualTo(new ReplayBound.Time(Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(ReplayBound.parse("2026-01-01T01:00:00+01:00", "--from"))
        .isEqualTo(new ReplayBound.Time(Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(ReplayBound.parse("offset:42", "--to")).isEqualTo(new ReplayBound.Offset(42));
    assertThat(ReplayBound.parse("EARLIEST", "--from")).isInstanceOf(ReplayBound.Earliest.class);
    assertThat(ReplayBound.parse("latest", "--to")).isInstanceOf(ReplayBound.Latest.class);
  }

  @Test
  void shouldRefuseANegativeOrMalformedOffsetNamingTheOption() {
    assertThatThrownBy(() -> ReplayBound.parse("offset:-1", "--to"))
        .hasMessageContaining("--to offset:-1")
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> ReplayBound.parse("2026-01-01", "--from"))
        .hasMessageContaining("--from '2026-01-01'")
        .hasMessageContaining("with a zone");
  }

  @Test
  void shouldParseTheThreeOutputForms() {
    assertThat(ReplayOutput.parse("topic:t.reconstructed"))
        .isEqualTo(new ReplayOutput(ReplayOutput.Kind.TOPIC, "t.reconstructed"));
    assertThat(ReplayOutput.parse("file:/tmp/x.AVRO").kind())
        .isEqualTo(ReplayOutput.Kind.AVRO_FILE);
    assertThat(ReplayOutput.parse("file:out.csv").kind()).isEqualTo(ReplayOutput.Kind.CSV_FILE);
    assertThatThrownBy(() -> ReplayOutput.parse("file:out.json"))
        .hasMessageContaining("must end in .avro or .csv");
  }

  @Test
  void shouldRenderProgressWithPercentCountsRateAndEta() {
    assertThat(ProgressBar.render(250, 1000, 240, 2.0))
        .isEqualTo(
            "replay [######..................]  25.0% 250/1000 offsets, 240 records, 120 rec/s,"
                + " ETA 0:00:06");
    assertThat(ProgressBar.render(1000, 1000, 990, 4.0)).contains("100.0%", "ETA 0:00:00");
    assertThat(ProgressBar.render(0, 0, 0, 0)).contains("100.0% 0/0 offsets");
  }

  @Test
  void shouldRedrawInPlaceOnATerminalAtMostTenTimesASecond() {
    StringWriter s = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressBar bar = new ProgressBar(new PrintWriter(s), true, now::get);
    bar.update(1, 10, 1);
    now.addAndGet(50_000_000L);
    bar.update(2, 10, 2); // too soon: skipped
    now.addAndGet(60_000_000L);
    bar.update(3, 10, 3);
    bar.finish(10, 10, 10);
    String out = s.toString();
    assertThat(out.chars().filter(c -> c == '\r').count()).isEqualTo(3);
    assertThat(out).doesNotContain(" 2/10 ").endsWith("\n").contains("100.0% 10/10");
  }
}
