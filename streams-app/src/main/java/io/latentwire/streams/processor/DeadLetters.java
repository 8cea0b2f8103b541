package io.latentwire.streams.processor;

import io.latentwire.streams.config.LatentwireConfig.ErrorPolicy;
import io.latentwire.streams.errors.LatentwireStreamsException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be processed to the dead-letter sink, unchanged, with headers that say
 * why and where it came from; or, under {@link ErrorPolicy#FAIL}, stops the app.
 *
 * <p>The dead letter is forwarded inside the same task and transaction as normal output, so under
 * exactly-once it is written exactly once too. Immutable; one instance may serve every task.
 */
public final class DeadLetters {
  public static final String HEADER_REASON = "latentwire.dlq.reason";
  public static final String HEADER_EXCEPTION = "latentwire.dlq.exception.class";
  public static final String HEADER_TOPIC = "latentwire.dlq.source.topic";
  public static final String HEADER_PARTITION = "latentwire.dlq.source.partition";
  public static final String HEADER_OFFSET = "latentwire.dlq.source.offset";
  public static final String HEADER_STAGE = "latentwire.dlq.stage";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final String sinkName;
  private final ErrorPolicy policy;
  private final String stage;

  /**
   * @param sinkName name of the dead-letter sink node in the topology
   * @param stage which side failed, "encode" or "decode", written to a header
   */
  public DeadLetters(String sinkName, ErrorPolicy policy, String stage) {
    this.sinkName = sinkName;
    this.policy = policy;
    this.stage = stage;
  }

  /** Dead-letters {@code record} with its original key and value (or throws under FAIL). */
  public void send(
      ProcessorContext<byte[], byte[]> context, Record<byte[], byte[]> record, Exception cause) {
    // Outside process() (a punctuation) Kafka reports a context without a source topic.
    Optional<RecordMetadata> md = context.recordMetadata().filter(m -> m.topic() != null);
    String where =
        md.map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("(unknown offset)");
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (policy == ErrorPolicy.FAIL) {
      throw new LatentwireStreamsException(
          stage + " failed on record " + where + " and error.policy=FAIL: " + reason, cause);
    }
    LOG.warn("{} failed on record {}; sent to the dead-letter topic: {}", stage, where, reason);
    Headers headers = new RecordHeaders(record.headers().toArray());
    put(headers, HEADER_REASON, reason);
    put(headers, HEADER_EXCEPTION, cause.getClass().getName());
    put(headers, HEADER_STAGE, stage);
    md.ifPresent(
        m -> {
          put(headers, HEADER_TOPIC, m.topic());
          put(headers, HEADER_PARTITION, Integer.toString(m.partition()));
          put(headers, HEADER_OFFSET, Long.toString(m.offset()));
        });
    context.forward(record.withHeaders(headers), sinkName);
  }

  private static void put(Headers headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
