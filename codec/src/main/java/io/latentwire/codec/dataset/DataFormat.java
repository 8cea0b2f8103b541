package io.latentwire.codec.dataset;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The input file formats a {@link Dataset} can be read from. The format is detected from the file
 * name ({@link #detect(Path)}) unless the user names it ({@link #parse(String)}, the CLI's {@code
 * --format}).
 */
public enum DataFormat {
  /** RFC 4180 comma-separated values with a header row, UTF-8. Names ending in {@code .csv}. */
  CSV,
  /**
   * The IDX format of MNIST and Fashion-MNIST (unsigned bytes, big-endian header), plain or gzip.
   * Names like {@code train-images-idx3-ubyte} or {@code t10k-images-idx3-ubyte.gz}, or ending in
   * {@code .idx}.
   */
  IDX,
  /** Avro object container files (schema in the file). Names ending in {@code .avro}. */
  AVRO;

  /** {@code idx3-ubyte}, {@code .idx1-ubyte}, {@code foo.idx}: what IDX files are called. */
  private static final Pattern IDX_NAME = Pattern.compile(".*(idx\\d+[-.]ubyte.*|\\.idx)");

  /** The value the CLI accepts for this format: {@code csv}, {@code idx}, {@code avro}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The allowed CLI values, for error messages: {@code "csv, idx, avro"}. */
  public static String allowedValues() {
    return Arrays.stream(values()).map(DataFormat::cliName).collect(Collectors.joining(", "));
  }

  /**
   * Parses a user-given format name, ignoring case.
   *
   * @throws IllegalArgumentException naming the value and the allowed values
   */
  public static DataFormat parse(String name) {
    if (name != null) {
      for (DataFormat f : values()) {
        if (f.cliName().equalsIgnoreCase(name.strip())) {
          return f;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown data format '" + name + "'; allowed values: " + allowedValues());
  }

  /** The format implied by the file name, if it implies one. Never touches the file. */
  public static Optional<DataFormat> fromFileName(Path file) {
    Path fileName = file.getFileName();
    if (fileName == null) {
      return Optional.empty();
    }
    String name = fileName.toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (name.endsWith(".avro")) {
      return Optional.of(AVRO);
    }
    String withoutGzip = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    if (IDX_NAME.matcher(withoutGzip).matches()) {
      return Optional.of(IDX);
    }
    return Optional.empty();
  }

  /**
   * The format of {@code file} from its name.
   *
   * @throws DatasetException when the name implies no format; the message says how to name one
   */
  public static DataFormat detect(Path file) {
    return fromFileName(file)
        .orElseThrow(
            () ->
                new DatasetException(
                    "cannot tell the format of '"
                        + file
                        + "' from its name (known: *.csv, *.avro, IDX names like"
                        + " train-images-idx3-ubyte[.gz]); name it with --format, one of: "
                        + allowedValues(),
                    file));
  }

  /**
   * The user's choice if given, else the format detected from the name.
   *
   * @param override the {@code --format} value, or {@code null} to detect
   * @throws IllegalArgumentException for an unknown override
   * @throws DatasetException when detection fails
   */
  public static DataFormat resolve(Path file, String override) {
    return override == null ? detect(file) : parse(override);
  }
}
