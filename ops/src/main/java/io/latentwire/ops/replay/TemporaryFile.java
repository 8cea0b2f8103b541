package io.latentwire.ops.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A hidden {@code .partial} file beside its target, renamed onto it only when complete. */
final class TemporaryFile {
  final Path target;
  final Path temp;

  private TemporaryFile(Path target, Path temp) {
    this.target = target;
    this.temp = temp;
  }

  static TemporaryFile beside(Path target) {
    Path abs = target.toAbsolutePath();
    try {
      Files.createDirectories(abs.getParent());
      return new TemporaryFile(
          abs, Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".partial"));
    } catch (IOException e) {
      throw new ReplayException("cannot create output beside " + target + ": " + e.getMessage(), e);
    }
  }

  /** Renames the temporary file onto {@code finalName}. */
  void commit(Path finalName) {
    try {
      Files.move(
          temp,
          finalName.toAbsolutePath(),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ReplayException("cannot write " + finalName + ": " + e.getMessage(), e);
    }
  }

  void delete() {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // best effort: the file is hidden and named .partial
    }
  }
}
