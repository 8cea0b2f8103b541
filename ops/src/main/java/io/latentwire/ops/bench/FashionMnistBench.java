package io.latentwire.ops.bench;

import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.FashionMnist;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * Fashion-MNIST as a benchmark data set: one record = the 784 pixels of an image as float32 in [0,
 * 1] ({@code pixel / 255f}); train = the 60,000 training images, test = the 10,000 test images.
 * Nothing is downloaded.
 */
public final class FashionMnistBench {
  /** The data set id on the command line and in reports. */
  public static final String ID = "fashion-mnist";

  /** PCA rows: coefficient counts (= payload bytes). */
  static final int[] PCA_COMPONENTS = {16, 32, 64};

  /** Figures of ANCHORS.md measured for the same methods, per record, on the same test set. */
  static final Map<String, String> ANCHORS =
      Map.of(
          BenchDataSet.referenceKey("float32 + zstd", "level 19"), "933 B, ∞",
          BenchDataSet.referenceKey("uint8 + zstd", "level 3"), "475 B, ∞",
          BenchDataSet.referenceKey("float16 + zstd", "level 19"), "667 B, 81.8 dB, 0.00024",
          BenchDataSet.referenceKey("PCA", "16 coefficients × 8 bit, fit on train"),
              "16 B, 17.0 dB, ~1.0",
          BenchDataSet.referenceKey("PCA", "32 coefficients × 8 bit, fit on train"),
              "32 B, 18.4 dB, ~1.0",
          BenchDataSet.referenceKey("PCA", "64 coefficients × 8 bit, fit on train"),
              "64 B, 20.1 dB, 0.98");

  private FashionMnistBench() {}

  /**
   * Loads both splits from {@code directory}.
   *
   * @throws BenchException when the directory or one of the image files is absent, saying how to
   *     install the data set
   */
  public static BenchDataSet load(Path directory) {
    FashionMnist fm = locate(directory);
    FieldMapping[] mapping = new FieldMapping[1];
    float[] train = read(fm, FashionMnist.Split.TRAIN, mapping);
    float[] test = read(fm, FashionMnist.Split.TEST, mapping);
    int width = mapping[0].width();
    float[] ones = new float[width];
    Arrays.fill(ones, 1f);
    String description =
        String.format(
            java.util.Locale.ROOT,
            "Fashion-MNIST from `%s`: %,d training and %,d test images. One record = %d pixels as"
                + " float32 in [0, 1] (%,d B; %d B as uint8). PSNR = 20·log10(1/RMSE), RMSE pooled"
                + " over every pixel of the test records measured.",
            fm.directory(),
            train.length / width,
            test.length / width,
            width,
            width * Float.BYTES,
            width);
    return new BenchDataSet(
        ID,
        "Fashion-MNIST test set",
        description,
        mapping[0],
        train,
        test,
        ones,
        255f,
        true,
        PCA_COMPONENTS,
        workDir -> fm.open(FashionMnist.Split.TRAIN),
        TrainingOptions.defaults(32),
        ANCHORS);
  }

  /**
   * The fields an image of {@code directory} maps to, read from its first test image only.
   *
   * @throws BenchException as {@link #load} when the data set is absent
   */
  public static FieldMapping mapping(Path directory) {
    try (Dataset data = locate(directory).open(FashionMnist.Split.TEST)) {
      Iterator<GenericRecord> it = data.iterator();
      if (!it.hasNext()) {
        throw new BenchException("Fashion-MNIST " + data.source() + " holds no images");
      }
      return FieldMapping.infer(data.schema(), it.next());
    }
  }

  private static FashionMnist locate(Path directory) {
    Optional<FashionMnist> located = FashionMnist.locate(directory);
    if (located.isEmpty() || located.get().imagesFile(FashionMnist.Split.TEST).isEmpty()) {
      throw new BenchException(
          "Fashion-MNIST not found in "
              + directory
              + ": it needs train-images-idx3-ubyte[.gz] and t10k-images-idx3-ubyte[.gz]."
              + " Install the Debian package dataset-fashion-mnist (files in "
              + FashionMnist.DEBIAN_DIRECTORY
              + ") or pass --fashion-mnist-dir DIR");
    }
    return located.get();
  }

  private static float[] read(FashionMnist fm, FashionMnist.Split split, FieldMapping[] mapping) {
    try (Dataset data = fm.open(split)) {
      Iterator<GenericRecord> it = data.iterator();
      if (!it.hasNext()) {
        throw new BenchException("Fashion-MNIST " + data.source() + " holds no images");
      }
      GenericRecord first = it.next();
      if (mapping[0] == null) {
        mapping[0] = FieldMapping.infer(data.schema(), first);
      }
      FieldMapping m = mapping[0];
      int width = m.width();
      float[] rows = new float[width * 1024];
      int n = 0;
      for (GenericRecord r = first; r != null; r = it.hasNext() ? it.next() : null) {
        if ((n + 1) * width > rows.length) {
          rows = Arrays.copyOf(rows, rows.length * 2);
        }
        m.extract(r, rows, n * width);
        n++;
      }
      rows = Arrays.copyOf(rows, n * width);
      for (int i = 0; i < rows.length; i++) {
        rows[i] /= 255f;
      }
      return rows;
    }
  }
}
