package io.latentwire.codec.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.InvalidAvroMagicException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableFileInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * An Avro object container file: the writer schema stored in the file, records decoded block by
 * block. Any codec Avro supports here (null, deflate, zstandard, snappy if on the class path) can
 * be read. The schema must be a record schema.
 */
final class AvroDataset extends AbstractDataset {

  private final DataFileReader<GenericRecord> reader;
  private final long fileLength;
  private long blockOffset;

  private AvroDataset(Path file, DataFileReader<GenericRecord> reader, long fileLength) {
    super(file, DataFormat.AVRO, reader.getSchema());
    this.reader = reader;
    this.fileLength = fileLength;
  }

  static AvroDataset open(Path file) {
    SeekableFileInput input;
    long fileLength;
    try {
      fileLength = Files.size(file);
      input = new SeekableFileInput(file.toFile());
    } catch (IOException e) {
      throw new DatasetException("cannot open " + file + ": " + e, file, e);
    }
    DataFileReader<GenericRecord> reader;
    try {
      reader = new DataFileReader<>(input, new GenericDatumReader<>());
    } catch (InvalidAvroMagicException e) {
      closeQuietly(input);
      throw DataFormatException.in(file)
          .byteOffset(0)
          .problem("the file does not start with the Avro magic bytes 'Obj\\x01'")
          .allowed("Avro object container files (written by DataFileWriter, avro-tools, Spark...)")
          .cause(e)
          .build();
    } catch (IOException | AvroRuntimeException e) {
      closeQuietly(input);
      throw DataFormatException.in(file)
          .byteOffset(0)
          .problem("cannot read the Avro container header: " + e.getMessage())
          .allowed("a complete Avro object container file")
          .cause(e)
          .build();
    }
    Schema schema = reader.getSchema();
    if (schema.getType() != Schema.Type.RECORD) {
      closeQuietly(reader);
      throw DataFormatException.in(file)
          .value(schema.getType().getName())
          .problem("is the type of the file's schema; records are needed")
          .allowed("Avro files whose schema is a record")
          .build();
    }
    return new AvroDataset(file, reader, fileLength);
  }

  @Override
  protected GenericRecord readNext() {
    try {
      blockOffset = reader.previousSync();
      if (!reader.hasNext()) {
        checkEndOfFile();
        return null;
      }
      return reader.next(null);
    } catch (AvroRuntimeException | IOException e) {
      throw DataFormatException.in(source())
          .row(rowNumber() + 1)
          .rowNoun("record")
          .byteOffset(blockOffset)
          .problem(
              "the block starting at this offset is truncated or corrupt: "
                  + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()))
          .allowed("a complete Avro object container file")
          .cause(e)
          .build();
    }
  }

  /**
   * Avro's reader treats an end of file inside a block as a normal end, which would silently drop
   * the records of a truncated file: the last complete block must end where the file ends.
   */
  private void checkEndOfFile() throws IOException {
    long lastBlockEnd = reader.previousSync();
    if (lastBlockEnd != fileLength) {
      throw DataFormatException.in(source())
          .row(rowNumber() + 1)
          .rowNoun("record")
          .byteOffset(lastBlockEnd)
          .problem(
              "the file is truncated or corrupt: the "
                  + (fileLength - lastBlockEnd)
                  + " bytes after the last complete block (up to the file length "
                  + fileLength
                  + ") do not form a block")
          .allowed("a complete Avro object container file")
          .build();
    }
  }

  @Override
  protected void release() {
    closeQuietly(reader);
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // Read-only: nothing is lost.
    }
  }
}
