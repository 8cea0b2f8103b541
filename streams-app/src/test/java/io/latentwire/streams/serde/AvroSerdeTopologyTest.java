package io.latentwire.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.schemas.examples.ImageRecord;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/** The serdes as a topology uses them, with the in-memory registry: no broker, no HTTP. */
class AvroSerdeTopologyTest {

  @Test
  void shouldCarrySpecificRecordsThroughATopologyAndReadThemBackGenerically() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    SpecificAvroSerde<ImageRecord> images = new SpecificAvroSerde<>(registry, ImageRecord.class);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("images", Consumed.with(Serdes.String(), images))
        .mapValues(image -> ImageRecord.newBuilder(image).setLabel(null).build())
        .to("images.unlabelled", Produced.with(Serdes.String(), images));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "serde-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
      TestInputTopic<String, ImageRecord> in =
          driver.createInputTopic("images", Serdes.String().serializer(), images.serializer());
      TestOutputTopic<String, GenericRecord> out =
          driver.createOutputTopic(
              "images.unlabelled",
              Serdes.String().deserializer(),
              new GenericAvroDeserializer(registry));
      in.pipeInput("k1", TestRecords.image(1));

      GenericRecord result = out.readValue();

      assertThat(result.get("id")).isEqualTo(1L);
      assertThat(result.get("label")).isNull();
      assertThat(registry.listSubjects())
          .containsExactly("images-value", "images.unlabelled-value");
      assertThat(registry.getLatest("images.unlabelled-value").id())
          .isEqualTo(registry.getLatest("images-value").id());
    }
  }
}
