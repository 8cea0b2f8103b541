package io.latentwire.codec.dataset;

import io.latentwire.codec.errors.CodecException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Root of the errors raised while opening, reading or writing a data set: an I/O failure, an
 * unsupported schema, or (as the subclass {@link DataFormatException}) content that breaks the
 * format's rules.
 *
 * <p>Unchecked, because records are streamed through {@link java.util.Iterator}, which cannot throw
 * checked exceptions. The message is complete and meant for the user; the file is also available as
 * structured context.
 */
public class DatasetException extends CodecException {

  private final Path file;

  /**
   * @param message complete, user-facing message
   * @param file the file concerned, or {@code null} when there is none (a stream)
   * @param cause the underlying failure, or {@code null}
   */
  public DatasetException(String message, Path file, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /**
   * @param message complete, user-facing message
   * @param file the file concerned, or {@code null} when there is none
   */
  public DatasetException(String message, Path file) {
    this(message, file, null);
  }

  /** The file concerned, if any. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
