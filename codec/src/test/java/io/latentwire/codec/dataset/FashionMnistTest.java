package io.latentwire.codec.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.dataset.FashionMnist.Split;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

  @TempDir Path dir;

  @Test
  void shouldReturnEmptyWhenTheFilesAreAbsent() {
    assertThat(FashionMnist.locate(dir)).isEmpty();
    assertThat(FashionMnist.locate(dir.resolve("no-such-dir"))).isEmpty();
  }

  @Test
  void shouldFindTheStandardFilesAndOpenASplitWithLabels() throws IOException {
    IdxFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.images(2, 28, 28));
    IdxFiles.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.labels(3, 8));

    FashionMnist mnist = FashionMnist.locate(dir).orElseThrow();

    assertThat(mnist.imagesFile(Split.TRAIN)).contains(dir.resolve("train-images-idx3-ubyte.gz"));
    assertThat(mnist.labelsFile(Split.TRAIN)).contains(dir.resolve("train-labels-idx1-ubyte.gz"));
    assertThat(mnist.imagesFile(Split.TEST)).isEmpty();
    try (Dataset train = mnist.open(Split.TRAIN)) {
      assertThat(train.stream().map(r -> r.get("label"))).containsExactly(3, 8);
    }
    assertThatThrownBy(() -> mnist.open(Split.TEST))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("t10k-images-idx3-ubyte[.gz]) not found in " + dir);
  }

  @Test
  void shouldAcceptUncompressedFiles() throws IOException {
    IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(1, 28, 28));
    IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(1, 28, 28));

    FashionMnist mnist = FashionMnist.locate(dir).orElseThrow();

    assertThat(mnist.imagesFile(Split.TEST)).contains(dir.resolve("t10k-images-idx3-ubyte"));
    assertThat(mnist.labelsFile(Split.TEST)).isEmpty();
  }
}
