package io.latentwire.codec.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the Fashion-MNIST data set on this machine: the IDX files that the Debian package {@code
 * dataset-fashion-mnist} installs under {@value #DEBIAN_DIRECTORY}, or the same standard file names
 * ({@code train-images-idx3-ubyte}, {@code t10k-images-idx3-ubyte} and their {@code labels-idx1}
 * partners, each gzip-compressed or not) in any directory.
 *
 * <p>Nothing is downloaded: when the files are absent, {@link #locate()} returns empty and the
 * caller decides what to do (skip a demo, print how to install the package).
 */
public final class FashionMnist {

  /** Where the Debian package {@code dataset-fashion-mnist} puts the files. */
  public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";

  /** The two parts of the data set, with their standard file-name prefixes. */
  public enum Split {
    /** 60,000 training images. */
    TRAIN("train"),
    /** 10,000 test images. */
    TEST("t10k");

    private final String prefix;

    Split(String prefix) {
      this.prefix = prefix;
    }

    /** Standard file-name prefix: {@code train} or {@code t10k}. */
    public String prefix() {
      return prefix;
    }
  }

  private final Path directory;
  private final Path trainImages;
  private final Path testImages;

  private FashionMnist(Path directory, Path trainImages, Path testImages) {
    this.directory = directory;
    this.trainImages = trainImages;
    this.testImages = testImages;
  }

  /** Looks in {@value #DEBIAN_DIRECTORY}. */
  public static Optional<FashionMnist> locate() {
    return locate(Path.of(DEBIAN_DIRECTORY));
  }

  /**
   * Looks for the training images file in {@code directory}; the test split is optional.
   *
   * @return empty when the directory or the training images file is absent
   */
  public static Optional<FashionMnist> locate(Path directory) {
    Optional<Path> train = findImages(directory, Split.TRAIN);
    return train.map(
        t -> new FashionMnist(directory, t, findImages(directory, Split.TEST).orElse(null)));
  }

  /** The directory the files were found in. */
  public Path directory() {
    return directory;
  }

  /** The images file of a split, if present (the training split always is). */
  public Optional<Path> imagesFile(Split split) {
    return Optional.ofNullable(split == Split.TRAIN ? trainImages : testImages);
  }

  /** The labels file paired with a split's images, if present. */
  public Optional<Path> labelsFile(Split split) {
    return imagesFile(split).flatMap(IdxDataset::labelsFileFor);
  }

  /**
   * Opens a split as image records (labels filled when its labels file is present).
   *
   * @return an open data set the caller must close
   * @throws DatasetException when the split's images file is absent
   * @throws DataFormatException when a file is corrupt
   */
  public Dataset open(Split split) {
    Path images =
        imagesFile(split)
            .orElseThrow(
                () ->
                    new DatasetException(
                        "Fashion-MNIST "
                            + split.name().toLowerCase(Locale.ROOT)
                            + " images ("
                            + split.prefix()
                            + "-images-idx3-ubyte[.gz]) not found in "
                            + directory,
                        directory));
    return Datasets.open(images, DataFormat.IDX);
  }

  private static Optional<Path> findImages(Path directory, Split split) {
    String plain = split.prefix() + "-images-idx3-ubyte";
    for (String name : new String[] {plain + ".gz", plain}) {
      Path candidate = directory.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
