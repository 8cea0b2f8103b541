package io.latentwire.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.config.LatentwireConfig.ErrorPolicy;
import io.latentwire.streams.metrics.PipelineMetrics;
import io.latentwire.streams.models.ModelResolver;
import io.latentwire.streams.models.UnresolvedModelException;
import io.latentwire.streams.processor.DeadLetters;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A decoder pinned to one model by model.id (or model.path) dead-letters codes of any other model,
 * with a reason naming that model's id and the key that pinned it, and keeps decoding its own.
 */
class PinnedModelDeadLetterTest {
  static final Schema READING =
      SchemaBuilder.record("Reading")
          .namespace("test")
          .fields()
          .requiredFloat("a")
          .requiredFloat("b")
          .endRecord();

  @Test
  void shouldDeadLetterCodesOfAnotherModelNamingItsIdAndTheKeyThatPinnedTheDecoder() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    try (LatentCodec mine =
            LatentCodec.open(
                TestBundles.identityOnScalars(List.of("a", "b"), 2, 0.01f),
                InferenceOptions.cpu());
        LatentCodec other =
            LatentCodec.open(
                TestBundles.identityOnScalars(List.of("a", "b"), 2, 0.02f),
                InferenceOptions.cpu())) {
      List<TestRecord<byte[], byte[]>> codes =
          encode(registry, List.of(new RecordCodec(mine), new RecordCodec(other)));
      Topology decode =
          DecodeTopology.build(
              new Topics("t.latent", "t.reconstructed", "t.latent.dlq"),
              ErrorPolicy.CONTINUE,
              ModelResolver.single(new RecordCodec(mine), "model.id"),
              registry,
              BatchSettings.defaults(),
              new BatchStats(),
              PipelineMetrics.noop(Side.DECODE));
      try (TopologyTestDriver d = driver(decode)) {
        var in =
            d.createInputTopic("t.latent", new ByteArraySerializer(), new ByteArraySerializer());
        codes.forEach(in::pipeInput);
        List<TestRecord<byte[], byte[]>> out =
            d.createOutputTopic(
                    "t.reconstructed", new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
        List<TestRecord<byte[], byte[]>> dead =
            d.createOutputTopic(
                    "t.latent.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
        assertThat(out).extracting(r -> new String(r.key())).containsExactly("mine");
        assertThat(dead).extracting(r -> new String(r.key())).containsExactly("other");
        assertThat(header(dead.get(0), DeadLetters.HEADER_REASON))
            .contains(other.modelId().shortHex())
            .contains(mine.modelId().shortHex())
            .contains("model.id");
        assertThat(header(dead.get(0), DeadLetters.HEADER_EXCEPTION))
            .isEqualTo(UnresolvedModelException.class.getName());
      }
    }
  }

  /** One code per codec, keyed "mine" and "other", through the encode topology. */
  private static List<TestRecord<byte[], byte[]>> encode(
      InMemorySchemaRegistryClient registry, List<RecordCodec> codecs) {
    GenericData.Record r = new GenericData.Record(READING);
    r.put("a", 1f);
    r.put("b", 2f);
    byte[] source =
        new GenericAvroSerializer(registry, AvroSerdeConfig.defaults()).serialize("t", r);
    List<String> keys = List.of("mine", "other");
    List<TestRecord<byte[], byte[]>> codes = new java.util.ArrayList<>();
    for (int i = 0; i < codecs.size(); i++) {
      Topology t =
          EncodeTopology.build(
              new Topics("t", "t.latent", "t.dlq"), ErrorPolicy.FAIL, codecs.get(i), registry);
      try (TopologyTestDriver d = driver(t)) {
        d.createInputTopic("t", new ByteArraySerializer(), new ByteArraySerializer())
            .pipeInput(keys.get(i).getBytes(StandardCharsets.UTF_8), source);
        codes.addAll(
            d.createOutputTopic(
                    "t.latent", new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList());
      }
    }
    return codes;
  }

  private static String header(TestRecord<byte[], byte[]> r, String key) {
    return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  private static TopologyTestDriver driver(Topology t) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return new TopologyTestDriver(t, p);
  }
}
