package io.latentwire.ops.replay;

import io.latentwire.codec.mapping.AvroData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decoded records into Avro object container files (zstandard), in their writer schema.
 *
 * <p>A range can span schema versions, and a container file has one schema, so this sink writes one
 * file per writer schema: {@code PATH.avro} when the range held one schema (the usual case), else
 * {@code PATH-schema-ID.avro} for each registry schema id and no {@code PATH.avro}. The names are
 * chosen at the end, when the set of schemas is known; until then the files are hidden {@code
 * .partial} files, so an interrupted replay leaves no half-written output.
 */
final class AvroFilesSink implements ReplaySink {
  private final Path path;
  private final Map<Integer, Output> outputs = new LinkedHashMap<>();
  private boolean finished;

  private static final class Output {
    final TemporaryFile file;
    final DataFileWriter<GenericRecord> writer;
    final Schema schema;
    long count;

    Output(TemporaryFile file, DataFileWriter<GenericRecord> writer, Schema schema) {
      this.file = file;
      this.writer = writer;
      this.schema = schema;
    }
  }

  AvroFilesSink(Path path) {
    this.path = path;
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> source, int schemaId, GenericRecord record) {
    Output o = outputs.get(schemaId);
    if (o == null) {
      o = open(schemaId, record.getSchema());
      outputs.put(schemaId, o);
    }
    try {
      o.writer.append(record);
      o.count++;
    } catch (IOException | RuntimeException e) {
      throw new ReplayException("cannot write to " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean tombstone(ConsumerRecord<byte[], byte[]> source) {
    return false;
  }

  @Override
  public List<String> finish() {
    List<String> lines = new ArrayList<>();
    closeWriters();
    if (outputs.isEmpty()) {
      // An empty range still gives a (valid, empty) file only if a schema is known: none is.
      lines.add("no records: " + path + " not written");
    } else if (outputs.size() == 1) {
      Output o = outputs.values().iterator().next();
      o.file.commit(path);
      lines.add(path + ": " + o.count + " records");
    } else {
      for (Map.Entry<Integer, Output> e : outputs.entrySet()) {
        Path p = perSchema(e.getKey());
        e.getValue().file.commit(p);
        lines.add(
            p
                + ": "
                + e.getValue().count
                + " records of schema id "
                + e.getKey()
                + " ("
                + e.getValue().schema.getFullName()
                + ")");
      }
    }
    finished = true;
    return lines;
  }

  @Override
  public void close() {
    closeWriters();
    if (!finished) {
      outputs.values().forEach(o -> o.file.delete());
    }
  }

  /** {@code dir/name-schema-ID.avro} for {@code dir/name.avro}. */
  Path perSchema(int schemaId) {
    String name = path.getFileName().toString();
    String stem =
        name.toLowerCase(Locale.ROOT).endsWith(".avro")
            ? name.substring(0, name.length() - 5)
            : name;
    return path.resolveSibling(stem + "-schema-" + schemaId + ".avro");
  }

  private Output open(int schemaId, Schema schema) {
    TemporaryFile file = TemporaryFile.beside(path);
    DataFileWriter<GenericRecord> w =
        new DataFileWriter<>(new GenericDatumWriter<>(schema, AvroData.withLogicalTypes()));
    w.setCodec(CodecFactory.zstandardCodec(3, true));
    try {
      w.create(schema, file.temp.toFile());
    } catch (IOException e) {
      file.delete();
      throw new ReplayException("cannot create " + path + ": " + e.getMessage(), e);
    }
    return new Output(file, w, schema);
  }

  private void closeWriters() {
    for (Output o : outputs.values()) {
      try {
        o.writer.close();
      } catch (IOException e) {
        throw new ReplayException("cannot finish " + path + ": " + e.getMessage(), e);
      }
    }
  }
}
