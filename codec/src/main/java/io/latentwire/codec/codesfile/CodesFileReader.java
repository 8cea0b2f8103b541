package io.latentwire.codec.codesfile;

import io.latentwire.codec.errors.CodecException;
import io.latentwire.codec.errors.ModelMismatchException;
import io.latentwire.codec.model.ModelId;
import io.latentwire.schemas.LatentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/** Reads a {@code .lwc} codes file. Streams records; not thread-safe. */
public final class CodesFileReader implements AutoCloseable, Iterable<LatentRecord> {
  private final Path path;
  private final DataFileReader<LatentRecord> reader;
  private final String modelId;
  private final Schema sourceSchema;

  public CodesFileReader(Path path) {
    this.path = path;
    if (!Files.isRegularFile(path)) {
      throw new CodecException("codes file " + path + " does not exist or is not a file");
    }
    try {
      this.reader =
          new DataFileReader<>(path.toFile(), new SpecificDatumReader<>(LatentRecord.class));
    } catch (IOException e) {
      throw new CodecException(
          path
              + " is not a codes file (.lwc, an Avro container of LatentRecord): "
              + e.getMessage(),
          e);
    }
    String format = reader.getMetaString(CodesFile.META_FORMAT);
    if (!CodesFile.FORMAT_VERSION.equals(format)) {
      close();
      throw new CodecException(
          path
              + ": codes file format '"
              + format
              + "' is not supported; this build reads "
              + CodesFile.FORMAT_VERSION);
    }
    this.modelId = reader.getMetaString(CodesFile.META_MODEL_ID);
    try {
      this.sourceSchema =
          new Schema.Parser().parse(reader.getMetaString(CodesFile.META_SOURCE_SCHEMA));
    } catch (SchemaParseException | NullPointerException e) {
      close();
      throw new CodecException(
          path + ": the source schema in the file metadata is missing or invalid", e);
    }
  }

  /** Full id of the model that wrote the codes. */
  public String modelId() {
    return modelId;
  }

  /** Writer schema of the source records. */
  public Schema sourceSchema() {
    return sourceSchema;
  }

  /** Throws {@link ModelMismatchException} naming both ids unless {@code model} wrote this file. */
  public void requireModel(ModelId model) {
    if (!model.hex().equals(modelId)) {
      throw new ModelMismatchException("codes file " + path, modelId, model.hex());
    }
  }

  @Override
  public Iterator<LatentRecord> iterator() {
    return reader.iterator();
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new CodecException("closing " + path + " failed", e);
    }
  }
}
