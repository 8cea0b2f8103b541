package io.latentwire.ops.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Records that could not be replayed ({@code --dlq FILE}): an Avro container file of {@link
 * #SCHEMA}, holding each latent record as read (key and value bytes untouched, so it can be
 * replayed again once its model is published) with where it came from and why it failed. Written to
 * a hidden temporary file and renamed on {@link #finish()}; not thread-safe.
 */
final class FailedRecordsFile implements AutoCloseable {
  static final Schema SCHEMA =
      SchemaBuilder.record("FailedReplayRecord")
          .namespace("io.latentwire.replay")
          .doc("A latent record replay could not decode, with where it came from and why.")
          .fields()
          .requiredString("topic")
          .requiredInt("partition")
          .requiredLong("offset")
          .requiredLong("timestamp")
          .optionalBytes("key")
          .optionalBytes("value")
          .requiredString("kind")
          .requiredString("reason")
          .endRecord();

  private final Path path;
  private final TemporaryFile file;
  private final DataFileWriter<GenericRecord> writer;
  private long count;
  private boolean finished;

  FailedRecordsFile(Path path) {
    this.path = path;
    this.file = TemporaryFile.beside(path);
    this.writer = new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA));
    writer.setCodec(CodecFactory.zstandardCodec(3, true));
    try {
      writer.create(SCHEMA, file.temp.toFile());
    } catch (IOException e) {
      file.delete();
      throw new ReplayException("cannot create " + path + ": " + e.getMessage(), e);
    }
  }

  void write(ConsumerRecord<byte[], byte[]> r, FailureKind kind, String reason) {
    GenericData.Record g = new GenericData.Record(SCHEMA);
    g.put("topic", r.topic());
    g.put("partition", r.partition());
    g.put("offset", r.offset());
    g.put("timestamp", r.timestamp());
    g.put("key", r.key() == null ? null : ByteBuffer.wrap(r.key()));
    g.put("value", r.value() == null ? null : ByteBuffer.wrap(r.value()));
    g.put("kind", kind.name());
    g.put("reason", reason);
    try {
      writer.append(g);
      count++;
    } catch (IOException e) {
      throw new ReplayException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** Renames the file into place; returns a summary line. */
  String finish() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new ReplayException("cannot finish " + path + ": " + e.getMessage(), e);
    }
    file.commit(path);
    finished = true;
    return path + ": " + count + " failed records";
  }

  @Override
  public void close() {
    if (!finished) {
      try {
        writer.close();
      } catch (IOException ignored) {
        // discarding anyway
      }
      file.delete();
    }
  }
}
