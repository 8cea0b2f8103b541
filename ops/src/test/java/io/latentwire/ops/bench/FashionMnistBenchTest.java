package io.latentwire.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.latentwire.codec.dataset.FashionMnist;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Needs the Debian package dataset-fashion-mnist; skipped with a message without it. */
class FashionMnistBenchTest {

  @Test
  void shouldLoadBothSplitsAsPixelsInTheUnitIntervalLosslessUnderUint8Zstd() {
    assumeTrue(
        FashionMnist.locate().isPresent(),
        "Fashion-MNIST not installed in " + FashionMnist.DEBIAN_DIRECTORY + "; test skipped");
    BenchDataSet d = FashionMnistBench.load(Path.of(FashionMnist.DEBIAN_DIRECTORY));
    assertThat(d.width()).isEqualTo(784);
    assertThat(d.trainRecords()).isEqualTo(60_000);
    assertThat(d.testRecords()).isEqualTo(10_000);
    float max = 0;
    for (float v : d.test()) {
      max = Math.max(max, v);
    }
    assertThat(max).isEqualTo(1f);
    BenchDataSet quick = d.withTestRecords(200);
    try (Uint8ZstdBaseline b = new Uint8ZstdBaseline(784, 3)) {
      RdRow row = new RdMeasurer(new Timing(1, 1, java.time.Duration.ZERO)).measure(b, quick);
      assertThat(row.psnrDb()).isInfinite();
      assertThat(row.bytesPerRecord()).isBetween(300.0, 700.0);
    }
  }
}
