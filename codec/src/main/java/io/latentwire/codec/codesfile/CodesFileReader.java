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
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;

/** Reads a {@code .lwc} codes file. Streams records; not thread-safe. */
public final class CodesFileReader implements AutoCloseable, Iterable<LatentRecord> {
  private final Path path;
  private final DataFileReader<GenericRecord> reader;
  private final String format;
  private final String modelId;
  private final Schema sourceSchema;
  private final ModelId model;

  public CodesFileReader(Path path) {
    this.path = path;
    if (!Files.isRegularFile(path)) {
      throw new CodecException("codes file " + path + " does not exist or is not a file");
    }
    try {
      // Generic: a format-1 entry is a LatentRecord, a format-2 entry a CodesFile.ENTRY_SCHEMA;
      // both become LatentRecords in iterator().
      this.reader = new DataFileReader<>(path.toFile(), new GenericDatumReader<>());
    } catch (IOException e) {
      throw new CodecException(
          path
              + " is not a codes file (.lwc, an Avro container of LatentRecord): "
              + e.getMessage(),
          e);
    }
    this.format = reader.getMetaString(CodesFile.META_FORMAT);
    if (!CodesFile.FORMAT_VERSION.equals(format) && !CodesFile.FORMAT_VERSION_1.equals(format)) {
      close();
      throw new CodecException(
          path
              + ": codes file format '"
              + format
              + "' is not supported; this build reads "
              + CodesFile.FORMAT_VERSION_1
              + " and "
              + CodesFile.FORMAT_VERSION);
    }
    Schema expected =
        CodesFile.FORMAT_VERSION_1.equals(format)
            ? LatentRecord.getClassSchema()
            : CodesFile.ENTRY_SCHEMA;
    if (!expected.equals(reader.getSchema())) {
      close();
      throw new CodecException(
          path
              + ": entries of codes file format "
              + format
              + " must have the schema "
              + expected.getFullName()
              + ", this file's are "
              + reader.getSchema().getFullName());
    }
    this.modelId = reader.getMetaString(CodesFile.META_MODEL_ID);
    try {
      this.model = new ModelId(modelId == null ? "" : modelId);
    } catch (IllegalArgumentException e) {
      close();
      throw new CodecException(
          path + ": the model id in the file metadata is missing or invalid: " + e.getMessage(), e);
    }
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
    Iterator<GenericRecord> entries = reader.iterator();
    boolean wholeRecords = CodesFile.FORMAT_VERSION_1.equals(format);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public LatentRecord next() {
        GenericRecord e = entries.next();
        return wholeRecords
            ? (LatentRecord) SpecificData.get().deepCopy(LatentRecord.getClassSchema(), e)
            : CodesFile.record(e, model);
      }
    };
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
