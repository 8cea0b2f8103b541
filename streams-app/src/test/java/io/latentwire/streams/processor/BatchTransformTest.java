package io.latentwire.streams.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.errors.CodecException;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.config.LatentwireConfig.ErrorPolicy;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.SerdeException;
import io.latentwire.streams.serde.SpecificAvroDeserializer;
import io.latentwire.streams.serde.SpecificAvroSerializer;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch transforms alone: one inference call per batch, poison records isolated. */
class BatchTransformTest {
  static final Schema READING =
      SchemaBuilder.record("Reading")
          .namespace("test")
          .fields()
          .requiredString("device")
          .requiredFloat("a")
          .requiredFloat("b")
          .requiredFloat("c")
          .endRecord();
  static final Schema WITHOUT_C =
      SchemaBuilder.record("Reading")
          .namespace("test")
          .fields()
          .requiredString("device")
          .requiredFloat("a")
          .requiredFloat("b")
          .endRecord();

  InMemorySchemaRegistryClient registry;
  LatentCodec codec;
  LatentCodec otherCodec;

  @BeforeEach
  void setUp() {
    registry = new InMemorySchemaRegistryClient();
    codec =
        LatentCodec.open(
            TestBundles.identityOnScalars(List.of("a", "b", "c"), 3, 0.01f),
            InferenceOptions.cpu());
    otherCodec =
        LatentCodec.open(
            TestBundles.identityOnScalars(List.of("a", "b", "c"), 3, 0.02f),
            InferenceOptions.cpu());
  }

  @AfterEach
  void tearDown() {
    codec.close();
    otherCodec.close();
  }

  @Test
  void shouldRejectOnlyThePoisonRecordsOfABatchAndEncodeTheRestAsRecordByRecord() {
    List<Record<byte[], byte[]>> batch =
        List.of(
            record(wire(reading(1f))),
            record("not avro".getBytes()),
            record(wire(reading(2f))),
            record(wire(withoutC())),
            record(wire(reading(3f))));
    List<Outcome> outcomes = encoder(codec).transform(batch, "t");

    assertThat(outcomes)
        .extracting(o -> o.getClass().getSimpleName())
        .containsExactly("Emit", "Reject", "Emit", "Reject", "Emit");
    assertThat(((Outcome.Reject) outcomes.get(1)).cause()).isInstanceOf(SerdeException.class);
    // The record lacking 'c' deserializes fine and fails the batch inference call: the fallback
    // encodes record by record and rejects only it.
    assertThat(((Outcome.Reject) outcomes.get(3)).cause())
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'c'");
    for (int i : new int[] {0, 2, 4}) {
      List<Outcome> alone = encoder(codec).transform(List.of(batch.get(i)), "t");
      assertThat(((Outcome.Emit) outcomes.get(i)).value())
          .isEqualTo(((Outcome.Emit) alone.get(0)).value());
    }
  }

  @Test
  void shouldRejectOnlyTheUndecodableCodesOfABatch() {
    byte[] good1 = encoded(codec, 1f);
    byte[] other = encoded(otherCodec, 2f);
    byte[] good2 = encoded(codec, 3f);
    byte[] corrupt = corrupted(good2);
    List<Outcome> outcomes =
        decoder()
            .transform(
                List.of(record(good1), record(other), record(corrupt), record(good2)), "t.latent");

    assertThat(outcomes)
        .extracting(o -> o.getClass().getSimpleName())
        .containsExactly("Emit", "Reject", "Reject", "Emit");
    GenericAvroDeserializer back = new GenericAvroDeserializer(registry);
    float a1 = (float) back.deserialize("t.r", ((Outcome.Emit) outcomes.get(0)).value()).get("a");
    float a2 = (float) back.deserialize("t.r", ((Outcome.Emit) outcomes.get(3)).value()).get("a");
    assertThat(a1).isCloseTo(1f, org.assertj.core.data.Offset.offset(0.006f));
    assertThat(a2).isCloseTo(3f, org.assertj.core.data.Offset.offset(0.006f));
  }

  private EncodeProcessor encoder(LatentCodec c) {
    return new EncodeProcessor(
        new RecordCodec(c),
        new GenericAvroDeserializer(registry),
        new SpecificAvroSerializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults()),
        "t.latent",
        "sink",
        new DeadLetters("dlq", ErrorPolicy.CONTINUE, "encode"),
        BatchSettings.defaults(),
        "hook",
        new BatchStats(),
        io.latentwire.streams.metrics.PipelineMetrics.noop(io.latentwire.streams.app.Side.ENCODE));
  }

  private DecodeProcessor decoder() {
    return new DecodeProcessor(
        io.latentwire.streams.models.ModelResolver.single(new RecordCodec(codec)),
        registry,
        new SpecificAvroDeserializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults()),
        new GenericAvroSerializer(registry, AvroSerdeConfig.defaults()),
        "t.r",
        "sink",
        new DeadLetters("dlq", ErrorPolicy.CONTINUE, "decode"),
        BatchSettings.defaults(),
        "hook",
        new BatchStats(),
        io.latentwire.streams.metrics.PipelineMetrics.noop(io.latentwire.streams.app.Side.DECODE));
  }

  private byte[] encoded(LatentCodec c, float a) {
    List<Outcome> o = encoder(c).transform(List.of(record(wire(reading(a)))), "t");
    return ((Outcome.Emit) o.get(0)).value();
  }

  /** The same latent record with a payload that is not a valid code. */
  private byte[] corrupted(byte[] latentWire) {
    SpecificAvroDeserializer<LatentRecord> d =
        new SpecificAvroDeserializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults());
    LatentRecord lr = d.deserialize("t.latent", latentWire);
    lr.setPayload(ByteBuffer.wrap(new byte[] {(byte) 0x7f, 1, 2}));
    return new SpecificAvroSerializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults())
        .serialize("t.latent", lr);
  }

  private static Record<byte[], byte[]> record(byte[] value) {
    return new Record<>("k".getBytes(), value, 0L);
  }

  private byte[] wire(GenericRecord r) {
    return new GenericAvroSerializer(registry, AvroSerdeConfig.defaults()).serialize("t", r);
  }

  private static GenericRecord reading(float a) {
    GenericData.Record r = new GenericData.Record(READING);
    r.put("device", "pump");
    r.put("a", a);
    r.put("b", -a);
    r.put("c", a / 2);
    return r;
  }

  private static GenericRecord withoutC() {
    GenericData.Record r = new GenericData.Record(WITHOUT_C);
    r.put("device", "pump");
    r.put("a", 1f);
    r.put("b", 2f);
    return r;
  }
}
