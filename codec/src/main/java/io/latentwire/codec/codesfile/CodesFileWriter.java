package io.latentwire.codec.codesfile;

import io.latentwire.codec.errors.CodecException;
import io.latentwire.codec.model.ModelId;
import io.latentwire.schemas.LatentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes a {@code .lwc} codes file. The file appears under its name only on {@link #close()} after
 * success (written to a hidden temporary file and renamed), so an interrupted run leaves nothing
 * half-written behind. Not thread-safe.
 */
public final class CodesFileWriter implements AutoCloseable {
  private final Path target;
  private final ModelId model;
  private final Path tmp;
  private final DataFileWriter<GenericRecord> writer;
  private long count;
  private boolean failed;

  public CodesFileWriter(Path target, ModelId model, Schema sourceSchema) {
    this.target = target.toAbsolutePath();
    this.model = model;
    try {
      Files.createDirectories(this.target.getParent());
      this.tmp =
          Files.createTempFile(
              this.target.getParent(), "." + this.target.getFileName(), ".partial");
      DataFileWriter<GenericRecord> w =
          new DataFileWriter<>(new GenericDatumWriter<>(CodesFile.ENTRY_SCHEMA));
      w.setCodec(CodecFactory.zstandardCodec(CodesFile.ZSTD_LEVEL, true));
      w.setMeta(CodesFile.META_FORMAT, CodesFile.FORMAT_VERSION);
      w.setMeta(CodesFile.META_MODEL_ID, model.hex());
      w.setMeta(CodesFile.META_SOURCE_SCHEMA, sourceSchema.toString());
      this.writer = w.create(CodesFile.ENTRY_SCHEMA, tmp.toFile());
    } catch (IOException e) {
      throw new CodecException("cannot write codes file " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Appends one record's payload and passthrough; its model id must be the file's (the id is stored
   * once, in the metadata) and its source schema id is not kept (offline files carry the schema
   * itself).
   *
   * @throws IllegalArgumentException if the record names another model
   */
  public void append(LatentRecord record) {
    if (!model.matches(record.getModelId().bytes())) {
      throw new IllegalArgumentException(
          "record of model "
              + ModelId.shortHex(record.getModelId().bytes())
              + " appended to codes file "
              + target
              + " of model "
              + model.shortHex());
    }
    try {
      writer.append(CodesFile.entry(record));
      count++;
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw new CodecException("cannot write to codes file " + target + ": " + e.getMessage(), e);
    }
  }

  public long count() {
    return count;
  }

  /** Marks the file as abandoned: {@link #close()} then deletes it instead of publishing it. */
  public void abort() {
    failed = true;
  }

  @Override
  public void close() {
    try {
      writer.close();
      if (!failed) {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new CodecException("cannot finish codes file " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // hidden .partial file; nothing more to do
      }
    }
  }
}
