package io.latentwire.streams.processor;

import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.batch.DrainCause;
import io.latentwire.streams.batch.PreCommitHookStore;
import io.latentwire.streams.batch.SourceContext;
import io.latentwire.streams.batch.TaskScope;
import io.latentwire.streams.metrics.PipelineMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor that transforms records in batches (for ONNX Runtime) without losing or duplicating
 * any under {@code exactly_once_v2}.
 *
 * <p>Records are buffered per task and drained — transformed together, then forwarded one by one in
 * arrival order, each under its own key, timestamp, headers and source offset — when the batch
 * reaches {@link BatchSettings#size()}, when a record arrives after the batch's first record has
 * waited {@link BatchSettings#linger()}, and always right before the task commits, through {@link
 * PreCommitHookStore}. A batch is therefore never committed as consumed before its outputs are in
 * the same transaction. A record the subclass rejects goes to the dead-letter sink, in order with
 * the outputs; the rest of its batch is still emitted.
 *
 * <p>With a batch size of 1 each record is transformed and forwarded within its own {@code
 * process()} call, and no internal Kafka class is used.
 *
 * <p>No wall-clock punctuator drains the batch: a punctuation can run after the offsets of buffered
 * records were committed, and a crash then loses them. The linger is only checked when a record
 * arrives; an idle partition's tail waits for the next commit ({@code commit.interval.ms}).
 *
 * <p>Errors: a failure that is not a record's fault fails the task, which re-reads everything not
 * committed. Keep Kafka's {@code processing.exception.handler} at its default (fail): a handler
 * that continues after an error thrown while draining would skip the rest of that batch. Records
 * that cannot be processed are this processor's business (dead-letter topic), not the handler's.
 *
 * <p><b>Kafka version pinned.</b> Batching uses internal Kafka Streams 4.3.1 classes (see {@link
 * io.latentwire.streams.batch}); the kill -9 crash test in the ops module gates every Kafka
 * upgrade.
 *
 * <p>One instance per task, used by its stream thread only.
 */
public abstract class BatchingProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(BatchingProcessor.class);

  private final BatchSettings settings;
  private final String hookStoreName;
  private final String outputSink;
  private final DeadLetters deadLetters;
  private final BatchStats stats;

  /** The app's meters: batch sizes, records and bytes in and out, dead letters. */
  protected final PipelineMetrics metrics;

  private final long lingerNanos;
  private ProcessorContext<byte[], byte[]> context;
  private TaskScope scope;
  private List<Pending> pending = new ArrayList<>();
  private long firstArrivalNanos;

  private record Pending(Record<byte[], byte[]> record, SourceContext source) {}

  /**
   * @param hookStoreName the {@link PreCommitHookStore} connected to this processor; unused when
   *     the batch size is 1
   * @param outputSink the sink node of transformed records
   * @param stats shared by every task of the app
   */
  protected BatchingProcessor(
      BatchSettings settings,
      String hookStoreName,
      String outputSink,
      DeadLetters deadLetters,
      BatchStats stats,
      PipelineMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
    this.hookStoreName = hookStoreName;
    this.outputSink = outputSink;
    this.deadLetters = deadLetters;
    this.stats = stats;
    this.lingerNanos = settings.linger().toNanos();
  }

  /**
   * Transforms a batch of non-empty input records.
   *
   * @param batch input records in arrival order, at least one
   * @param sourceTopic the topic they were read from
   * @return one outcome per input record, in the same order
   * @throws RuntimeException for a failure that is not the records' fault (it stops the task, and
   *     the batch is read again); a bad record is a {@link Outcome.Reject}, never an exception
   */
  protected abstract List<Outcome> transform(
      List<Record<byte[], byte[]>> batch, String sourceTopic);

  @Override
  public final void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    if (settings.buffers()) {
      scope = TaskScope.capture(context);
      PreCommitHookStore hook = context.getStateStore(hookStoreName);
      hook.listen(
          new PreCommitHookStore.Listener() {
            @Override
            public void beforeCommit() {
              drain(DrainCause.COMMIT);
            }

            @Override
            public void discard() {
              pending.clear();
            }
          });
    }
  }

  @Override
  public final void process(Record<byte[], byte[]> record) {
    if (!settings.buffers()) {
      String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
      List<Record<byte[], byte[]>> one = List.of(record);
      emit(record, checked(one, transformNonEmpty(one, topic)).get(0));
      stats.recordDrain(1, DrainCause.SIZE);
      metrics.recordBatch(1);
      return;
    }
    long now = System.nanoTime();
    pending.add(new Pending(record, scope.currentSource()));
    if (pending.size() == 1) {
      firstArrivalNanos = now;
    }
    if (pending.size() >= settings.size()) {
      drain(DrainCause.SIZE);
    } else if (now - firstArrivalNanos >= lingerNanos) {
      drain(DrainCause.LINGER);
    }
  }

  /** Transforms the buffered records and forwards every outcome, in arrival order. */
  private void drain(DrainCause cause) {
    if (pending.isEmpty()) {
      return;
    }
    List<Pending> batch = pending;
    pending = new ArrayList<>(settings.size());
    List<Record<byte[], byte[]>> records = new ArrayList<>(batch.size());
    batch.forEach(p -> records.add(p.record()));
    List<Outcome> outcomes;
    try {
      outcomes = checked(records, transformNonEmpty(records, batch.get(0).source().topic()));
    } catch (RuntimeException e) {
      // Nothing was forwarded: keep the batch, so a retry (if the task survives) sees it again.
      batch.addAll(pending);
      pending = batch;
      throw e;
    }
    try (TaskScope.Drain d = scope.enter()) {
      for (int i = 0; i < batch.size(); i++) {
        d.switchTo(batch.get(i).source());
        emit(batch.get(i).record(), outcomes.get(i));
      }
    }
    stats.recordDrain(batch.size(), cause);
    metrics.recordBatch(batch.size());
  }

  /** Tombstones pass through as tombstones; only records with a value reach the subclass. */
  private List<Outcome> transformNonEmpty(List<Record<byte[], byte[]>> records, String topic) {
    List<Record<byte[], byte[]>> valued = new ArrayList<>(records.size());
    for (Record<byte[], byte[]> r : records) {
      if (r.value() != null) {
        valued.add(r);
      }
    }
    if (valued.size() == records.size()) {
      return transform(records, topic);
    }
    List<Outcome> transformed =
        valued.isEmpty() ? List.of() : checked(valued, transform(valued, topic));
    List<Outcome> out = new ArrayList<>(records.size());
    int next = 0;
    for (Record<byte[], byte[]> r : records) {
      out.add(r.value() == null ? Outcome.emit(null) : transformed.get(next++));
    }
    return out;
  }

  private List<Outcome> checked(List<Record<byte[], byte[]>> in, List<Outcome> out) {
    if (out.size() != in.size()) {
      throw new IllegalStateException(
          getClass().getSimpleName()
              + " returned "
              + out.size()
              + " outcomes for "
              + in.size()
              + " records");
    }
    return out;
  }

  private void emit(Record<byte[], byte[]> record, Outcome outcome) {
    if (outcome instanceof Outcome.Emit e) {
      context.forward(record.withValue(e.value()), outputSink);
      if (record.value() == null) {
        metrics.recordTombstone();
      } else {
        metrics.recordOk(record.value().length, e.value().length);
      }
    } else if (outcome instanceof Outcome.Reject r) {
      deadLetters.send(context, record, r.cause());
      metrics.recordDeadLetter(
          record.value() == null ? 0 : record.value().length); // after send: FAIL throws
    }
  }

  @Override
  public void close() {
    // A clean close committed (and so drained) first. Records still here belong to a dirty close:
    // their offsets were not committed, and they will be read and processed again.
    if (!pending.isEmpty()) {
      LOG.debug("dropping {} uncommitted buffered records on close", pending.size());
      pending.clear();
    }
  }
}
