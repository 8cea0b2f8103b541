package io.latentwire.ops.replay;

import io.latentwire.codec.dataset.CsvWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decoded records into one CSV file (header of the writer schema's fields). A CSV file has one set
 * of columns, so a range whose records use two different writer schemas fails clearly, naming both
 * schema ids, rather than writing rows under the wrong header; replay it to Avro (one file per
 * schema) or split the range.
 */
final class CsvFileSink implements ReplaySink {
  private final Path path;
  private TemporaryFile file;
  private CsvWriter writer;
  private Schema schema;
  private int schemaId;
  private boolean finished;

  CsvFileSink(Path path) {
    this.path = path;
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> source, int id, GenericRecord record) {
    if (writer == null) {
      schema = record.getSchema();
      schemaId = id;
      file = TemporaryFile.beside(path);
      writer = CsvWriter.create(file.temp, schema);
    } else if (id != schemaId && !record.getSchema().equals(schema)) {
      throw new ReplayException(
          "the range holds records of two writer schemas (registry ids "
              + schemaId
              + " and "
              + id
              + ", first at "
              + source.topic()
              + "-"
              + source.partition()
              + "@"
              + source.offset()
              + "); a CSV file has one header. Replay to --out file:NAME.avro (one file per"
              + " schema) or split the range");
    }
    writer.write(record);
  }

  @Override
  public boolean tombstone(ConsumerRecord<byte[], byte[]> source) {
    return false;
  }

  @Override
  public List<String> finish() {
    if (writer == null) {
      return List.of("no records: " + path + " not written");
    }
    long rows = writer.rowsWritten();
    writer.close();
    file.commit(path);
    finished = true;
    return List.of(path + ": " + rows + " records");
  }

  @Override
  public void close() {
    if (writer != null && !finished) {
      try {
        writer.close();
      } finally {
        file.delete();
      }
    }
  }
}
