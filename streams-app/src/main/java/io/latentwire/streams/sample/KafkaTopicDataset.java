package io.latentwire.streams.sample;

import io.latentwire.codec.dataset.AbstractDataset;
import io.latentwire.codec.dataset.DataFormat;
import io.latentwire.codec.dataset.DatasetException;
import io.latentwire.codec.dataset.TopicQuery;
import io.latentwire.streams.registry.HttpRegistryConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.registry.RegistryClientConfig;
import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.serde.WireFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Records of a live Kafka topic in the Confluent wire format, as a {@link
 * io.latentwire.codec.dataset.Dataset} of one writer schema.
 *
 * <p>Opening reads the selected offsets once (a census): it finds the writer schema ids, refuses
 * several unless {@link TopicQuery#schemaId()} picks one, and, for a sample, keeps the newest N
 * values as bytes (never as Avro objects). The writer schema then comes from the registry. Records
 * are decoded one at a time as they are iterated: from the kept bytes (oldest first) for a sample,
 * or by reading the same fixed offsets a second time otherwise, so memory stays bounded whatever
 * the topic's size.
 *
 * <p>"Newest N across partitions" reads at most the last N offsets of each partition and keeps the
 * N with the latest timestamps; this is exact when timestamps grow with offsets inside a partition
 * (log-append time, or producers with sane clocks). Reads are read_committed. Owns a Kafka
 * consumer: close it. Not thread-safe.
 */
public final class KafkaTopicDataset extends AbstractDataset {

  private final TopicQuery query;
  private final Consumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, long[]> spans;
  private final int schemaId;
  private final GenericDatumReader<GenericRecord> reader;
  private final RawRecord[] sample;
  private int sampleNext;
  private PartitionReader rereader;
  private BinaryDecoder decoder;
  private String position = "before the first record";
  private String lastPosition = position;

  private KafkaTopicDataset(
      TopicQuery query,
      Consumer<byte[], byte[]> consumer,
      Map<TopicPartition, long[]> spans,
      int schemaId,
      Schema schema,
      RawRecord[] sample) {
    super(Path.of("topic", query.topic()), DataFormat.AVRO, schema);
    this.query = query;
    this.consumer = consumer;
    this.spans = spans;
    this.schemaId = schemaId;
    this.reader = new GenericDatumReader<>(schema);
    this.sample = sample;
  }

  /**
   * Opens the records {@code query} selects.
   *
   * @throws DatasetException with a one-line message: broker unreachable within the timeout,
   *     unknown topic, no selected record, several writer schemas and no {@code schemaId}, a value
   *     not in the wire format, or a registry failure
   */
  public static KafkaTopicDataset open(TopicQuery query) {
    Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(query));
    try {
      return open(query, consumer, registry(query));
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  /** Opens with a given consumer and registry client (tests); takes ownership of the consumer. */
  static KafkaTopicDataset open(
      TopicQuery query, Consumer<byte[], byte[]> consumer, SchemaRegistryClient registry) {
    Map<TopicPartition, long[]> spans = plan(query, consumer);
    if (spans.values().stream().allMatch(s -> s[0] >= s[1])) {
      throw noRecords(query, "", "");
    }
    Census census = new Census(query);
    PartitionReader scan = new PartitionReader(consumer, spans, query.timeout(), query.describe());
    for (ConsumerRecord<byte[], byte[]> r = scan.next(); r != null; r = scan.next()) {
      census.add(r);
    }
    int id = census.chooseSchemaId();
    Schema schema = fetchSchema(query, registry, id);
    RawRecord[] kept = census.sampleOldestFirst();
    return new KafkaTopicDataset(query, consumer, spans, id, schema, kept);
  }

  /**
   * Offsets {@code [start, stop)} per partition: the time range through offsetsForTimes, the
   * topic's current end otherwise; for a sample, only the last N offsets before the stop.
   */
  private static Map<TopicPartition, long[]> plan(
      TopicQuery query, Consumer<byte[], byte[]> consumer) {
    Duration t = query.timeout();
    List<TopicPartition> partitions = new ArrayList<>();
    Map<TopicPartition, Long> begin;
    Map<TopicPartition, Long> end;
    Map<TopicPartition, Long> fromOffsets = new HashMap<>();
    Map<TopicPartition, Long> toOffsets = new HashMap<>();
    try {
      if (!consumer.listTopics(t).containsKey(query.topic())) {
        throw new DatasetException(
            "topic '" + query.topic() + "' does not exist on " + query.bootstrap(), null);
      }
      for (PartitionInfo p : consumer.partitionsFor(query.topic(), t)) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      // Assigned before listing offsets: read_committed offset lookups of unassigned partitions
      // make the client warn on every call.
      consumer.assign(partitions);
      begin = consumer.beginningOffsets(partitions, t);
      end = consumer.endOffsets(partitions, t);
      query.fromTime().ifPresent(f -> fromOffsets.putAll(offsetsAt(consumer, partitions, f, t)));
      query.toTime().ifPresent(to -> toOffsets.putAll(offsetsAt(consumer, partitions, to, t)));
    } catch (TimeoutException e) {
      throw new DatasetException(
          "cannot reach Kafka at "
              + query.bootstrap()
              + " within "
              + query.timeout().toSeconds()
              + " s ("
              + e.getMessage()
              + ")",
          null,
          e);
    } catch (KafkaException e) {
      throw new DatasetException(
          "cannot read " + query.describe() + ": " + e.getMessage(), null, e);
    }
    Map<TopicPartition, long[]> spans =
        new TreeMap<>(java.util.Comparator.comparingInt(TopicPartition::partition));
    for (TopicPartition tp : partitions) {
      long stop = toOffsets.getOrDefault(tp, end.get(tp));
      long start = Math.max(begin.get(tp), fromOffsets.getOrDefault(tp, begin.get(tp)));
      if (query.sample() != null) {
        start = Math.max(start, stop - query.sample());
      }
      spans.put(tp, new long[] {start, Math.max(start, stop)});
    }
    return spans;
  }

  /** The first offset at or after {@code time} per partition, the end where there is none. */
  private static Map<TopicPartition, Long> offsetsAt(
      Consumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      java.time.Instant time,
      Duration timeout) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, time.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    Map<TopicPartition, Long> out = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp o = found.get(tp);
      out.put(tp, o == null ? end.get(tp) : o.offset());
    }
    return out;
  }

  /**
   * @param which qualifies the records, e.g. {@code " of writer schema id 9"}, or empty
   * @param detail appended after the sentence, e.g. the ids found, or empty
   */
  private static DatasetException noRecords(TopicQuery query, String which, String detail) {
    String range =
        query.from() == null && query.to() == null
            ? ""
            : " with a timestamp in ["
                + (query.from() == null ? "beginning" : query.from())
                + ", "
                + (query.to() == null ? "end" : query.to())
                + ")";
    return new DatasetException(
        query.describe() + " holds no records" + which + range + " to train on" + detail, null);
  }

  private static Schema fetchSchema(TopicQuery query, SchemaRegistryClient registry, int id) {
    Schema schema;
    try {
      schema = registry.getById(id);
    } catch (RuntimeException e) {
      throw new DatasetException(
          "cannot fetch writer schema id "
              + id
              + " of "
              + query.describe()
              + " from the schema registry at "
              + query.registryUrl()
              + ": "
              + e.getMessage(),
          null,
          e);
    }
    if (schema.getType() != Schema.Type.RECORD) {
      throw new DatasetException(
          "writer schema id "
              + id
              + " of "
              + query.describe()
              + " is a "
              + schema.getType().getName()
              + "; training needs records",
          null);
    }
    return schema;
  }

  private static SchemaRegistryClient registry(TopicQuery query) {
    // schema.registry.* keys of the client properties: basic auth and TLS, Confluent's names.
    HttpRegistryConfig config =
        RegistryClientConfig.fromProperties(query.registryUrl(), query.kafkaProperties());
    return new HttpSchemaRegistryClient(
        config.withConnectTimeout(query.timeout()).withRequestTimeout(query.timeout()));
  }

  private static Properties consumerProperties(TopicQuery query) {
    Properties p = new Properties();
    query
        .kafkaProperties()
        .forEach(
            (k, v) -> {
              if (!RegistryClientConfig.isRegistryKey(k)) {
                p.put(k, v);
              }
            });
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, query.bootstrap());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "latentwire-train-" + query.topic());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Sampling must never create the topic it was asked to read.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    int ms = (int) Math.min(Integer.MAX_VALUE, query.timeout().toMillis());
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(ms));
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(ms));
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
    return p;
  }

  /** The writer schema id every record of this data set has. */
  public int schemaId() {
    return schemaId;
  }

  @Override
  protected GenericRecord readNext() {
    if (sample != null) {
      if (sampleNext == sample.length) {
        return null;
      }
      RawRecord r = sample[sampleNext];
      sample[sampleNext++] = null; // handed out: let it go
      return decode(r.partition(), r.offset(), r.value());
    }
    if (rereader == null) {
      rereader = new PartitionReader(consumer, spans, query.timeout(), query.describe());
    }
    for (ConsumerRecord<byte[], byte[]> r = rereader.next(); r != null; r = rereader.next()) {
      byte[] v = r.value();
      if (v != null
          && inRange(query, r.timestamp())
          && WireFormat.schemaId(query.topic(), v) == schemaId) {
        return decode(r.partition(), r.offset(), v);
      }
    }
    return null;
  }

  private GenericRecord decode(int partition, long offset, byte[] value) {
    position = query.describe() + ", partition " + partition + " offset " + offset;
    try {
      decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  value,
                  WireFormat.HEADER_LENGTH,
                  value.length - WireFormat.HEADER_LENGTH,
                  decoder);
      return reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new DatasetException(
          position
              + ": the value does not decode with writer schema id "
              + schemaId
              + ": "
              + e.getMessage(),
          null,
          e);
    }
  }

  @Override
  protected void onRecordReturned() {
    lastPosition = position;
  }

  @Override
  public String position() {
    return lastPosition;
  }

  @Override
  protected void release() {
    consumer.close(Duration.ZERO);
  }

  static boolean inRange(TopicQuery query, long timestamp) {
    return (query.from() == null || timestamp >= query.from().toEpochMilli())
        && (query.to() == null || timestamp < query.to().toEpochMilli());
  }

  /**
   * The census of the first read: records per writer schema id and, for a sample, the newest N
   * values (bytes) of the chosen schema.
   */
  private static final class Census {
    private final TopicQuery query;
    private final Map<Integer, Long> counts = new TreeMap<>();
    private final PriorityQueue<RawRecord> newest = new PriorityQueue<>(RawRecord.BY_TIME);

    Census(TopicQuery query) {
      this.query = query;
    }

    void add(ConsumerRecord<byte[], byte[]> r) {
      byte[] v = r.value();
      if (v == null || !inRange(query, r.timestamp())) {
        return; // a tombstone, or a timestamp out of order just outside the range
      }
      int id;
      try {
        id = WireFormat.schemaId(query.topic(), v);
      } catch (RuntimeException e) {
        throw new DatasetException(
            query.describe()
                + ", partition "
                + r.partition()
                + " offset "
                + r.offset()
                + ": "
                + e.getMessage(),
            null,
            e);
      }
      if (query.sample() == null) {
        counts.merge(id, 1L, Long::sum);
        return;
      }
      if (query.schemaId() != null && id != query.schemaId()) {
        counts.merge(id, 1L, Long::sum);
        return;
      }
      newest.add(new RawRecord(r.partition(), r.offset(), r.timestamp(), id, v));
      if (newest.size() > query.sample()) {
        newest.poll();
      }
    }

    int chooseSchemaId() {
      if (query.sample() != null) {
        newest.forEach(r -> counts.merge(r.schemaId(), 1L, Long::sum));
      }
      if (counts.isEmpty()) {
        throw noRecords(query, "", "");
      }
      if (query.schemaId() != null) {
        if (!counts.containsKey(query.schemaId())) {
          throw noRecords(
              query, " of writer schema id " + query.schemaId(), "; schema ids found: " + list());
        }
        return query.schemaId();
      }
      if (counts.size() > 1) {
        throw new DatasetException(
            query.describe()
                + " holds records of several writer schemas: ids "
                + list()
                + "; pick one with --schema-id",
            null);
      }
      return counts.keySet().iterator().next();
    }

    RawRecord[] sampleOldestFirst() {
      if (query.sample() == null) {
        return null;
      }
      RawRecord[] out = newest.toArray(new RawRecord[0]);
      newest.clear();
      java.util.Arrays.sort(out, RawRecord.BY_TIME);
      return out;
    }

    private String list() {
      return counts.entrySet().stream()
          .map(e -> e.getKey() + " (" + e.getValue() + " record" + (e.getValue() == 1 ? ")" : "s)"))
          .collect(Collectors.joining(", "));
    }
  }
}
