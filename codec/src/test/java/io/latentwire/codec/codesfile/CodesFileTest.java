package io.latentwire.codec.codesfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.errors.CodecException;
import io.latentwire.codec.model.ModelId;
import io.latentwire.schemas.LatentRecord;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodesFileTest {
  static final ModelId MODEL = new ModelId("ab".repeat(32));
  static final ModelId OTHER = new ModelId("cd".repeat(32));
  static final Schema SOURCE = SchemaBuilder.record("S").fields().requiredInt("a").endRecord();

  @TempDir Path dir;

  static List<LatentRecord> records(ModelId model, int n) {
    SplittableRandom random = new SplittableRandom(7);
    List<LatentRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] payload = new byte[16 + random.nextInt(8)];
      for (int j = 0; j < payload.length; j++) {
        payload[j] = (byte) random.nextInt(256);
      }
      out.add(
          LatentRecord.newBuilder()
              .setModelId(new io.latentwire.schemas.ModelId(model.shortBytes()))
              .setSourceSchemaId(-1)
              .setPayload(ByteBuffer.wrap(payload))
              .setPassthrough(ByteBuffer.wrap(i % 3 == 0 ? new byte[] {(byte) i} : new byte[0]))
              .build());
    }
    return out;
  }

  Path write(String name, List<LatentRecord> records) {
    Path file = dir.resolve(name);
    try (CodesFileWriter w = new CodesFileWriter(file, MODEL, SOURCE)) {
      records.forEach(w::append);
    }
    return file;
  }

  static List<LatentRecord> read(Path file) {
    List<LatentRecord> out = new ArrayList<>();
    try (CodesFileReader r = new CodesFileReader(file)) {
      assertThat(r.modelId()).isEqualTo(MODEL.hex());
      assertThat(r.sourceSchema()).isEqualTo(SOURCE);
      r.forEach(out::add);
    }
    return out;
  }

  @Test
  void shouldGiveBackEveryRecordWithTheFilesModelIdAndNoSchemaId() {
    List<LatentRecord> in = records(MODEL, 500);
    assertThat(read(write("a.lwc", in))).isEqualTo(in);
  }

  @Test
  void shouldStoreTheModelIdOnceSoAFileCostsLittleMoreThanItsPayloads() throws Exception {
    List<LatentRecord> in = records(MODEL, 5000);
    long payloadBytes = in.stream().mapToLong(r -> r.getPayload().remaining()).sum();
    Path v2 = write("v2.lwc", in);
    Path v1 = writeFormat1("v1.lwc", in);
    assertThat(read(v1)).isEqualTo(in);
    long v2Overhead = Files.size(v2) - payloadBytes;
    long v1Overhead = Files.size(v1) - payloadBytes;
    // Random payloads do not compress: what is left is framing (two lengths per record, block
    // headers). Format 1 also repeated the 8 id bytes and the schema id, which zstd only shrinks.
    assertThat((double) v2Overhead / in.size()).isLessThan(3.0);
    assertThat((double) (v1Overhead - v2Overhead) / in.size()).isGreaterThan(0.3);
  }

  @Test
  void shouldRefuseARecordOfAnotherModelNamingBoth() {
    Path file = dir.resolve("mixed.lwc");
    try (CodesFileWriter w = new CodesFileWriter(file, MODEL, SOURCE)) {
      assertThatThrownBy(() -> w.append(records(OTHER, 1).get(0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(OTHER.shortHex())
          .hasMessageContaining(MODEL.shortHex());
    }
  }

  @Test
  void shouldRefuseAnUnknownFormatNamingTheOnesItReads() throws Exception {
    Path file = dir.resolve("future.lwc");
    try (DataFileWriter<LatentRecord> w =
        new DataFileWriter<>(new SpecificDatumWriter<>(LatentRecord.class))) {
      w.setMeta(CodesFile.META_FORMAT, "9");
      w.create(LatentRecord.getClassSchema(), file.toFile());
    }
    assertThatThrownBy(() -> new CodesFileReader(file))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("codes file format '9' is not supported; this build reads 1 and 2");
  }

  @Test
  void shouldRefuseAFormat2FileWhoseEntriesHaveAnotherSchema() throws Exception {
    Path file = dir.resolve("wrong.lwc");
    try (DataFileWriter<LatentRecord> w =
        new DataFileWriter<>(new SpecificDatumWriter<>(LatentRecord.class))) {
      w.setMeta(CodesFile.META_FORMAT, CodesFile.FORMAT_VERSION);
      w.setMeta(CodesFile.META_MODEL_ID, MODEL.hex());
      w.setMeta(CodesFile.META_SOURCE_SCHEMA, SOURCE.toString());
      w.create(LatentRecord.getClassSchema(), file.toFile());
    }
    assertThatThrownBy(() -> new CodesFileReader(file))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("must have the schema io.latentwire.codesfile.LatentCode");
  }

  /** A file as the first format wrote it: a whole LatentRecord per entry. */
  Path writeFormat1(String name, List<LatentRecord> records) throws Exception {
    Path file = dir.resolve(name);
    try (DataFileWriter<LatentRecord> w =
        new DataFileWriter<>(new SpecificDatumWriter<>(LatentRecord.class))) {
      w.setCodec(CodecFactory.zstandardCodec(CodesFile.ZSTD_LEVEL, true));
      w.setMeta(CodesFile.META_FORMAT, CodesFile.FORMAT_VERSION_1);
      w.setMeta(CodesFile.META_MODEL_ID, MODEL.hex());
      w.setMeta(CodesFile.META_SOURCE_SCHEMA, SOURCE.toString());
      w.create(LatentRecord.getClassSchema(), file.toFile());
      for (LatentRecord r : records) {
        w.append(r);
      }
    }
    return file;
  }
}
