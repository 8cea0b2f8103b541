/**
 * Batching of records for ONNX Runtime under {@code exactly_once_v2}, without ever losing or
 * duplicating a buffered record.
 *
 * <p>A record's input offset is committed with the task's transaction; a record still in a batch at
 * that moment would be lost on a crash. Kafka Streams 4.3 has no public pre-commit callback for
 * processors, so this package hooks the one Kafka's own record caches use: before every commit
 * (regular, on revocation and on clean close) {@code ProcessorStateManager.flushCache()} calls
 * {@code flushCache()} on each registered store implementing the internal {@code CachedStateStore}.
 * {@link io.latentwire.streams.batch.PreCommitHookStore} is such a store, with no data and no
 * changelog; its only job is to tell the processor to drain its batch. Draining outside {@code
 * process()} needs the processor node and each record's own record context set on the internal
 * processor context, as Kafka's cache flush does: {@link io.latentwire.streams.batch.TaskScope}
 * does that.
 *
 * <p><b>Internal Kafka classes, pinned version.</b> This package is the only place that uses them:
 * {@code org.apache.kafka.streams.state.internals.CachedStateStore}, {@code
 * org.apache.kafka.streams.processor.internals.InternalProcessorContext}, {@code
 * org.apache.kafka.streams.processor.internals.ProcessorNode} and {@code
 * org.apache.kafka.streams.processor.internals.ProcessorRecordContext}, as of Kafka Streams 4.3.1.
 * They may change in any release. The kill -9 crash tests and the two-instance scale test in the
 * ops module ({@code ExactlyOnceBatchingCrashTest} for the encoder, {@code
 * DecodeExactlyOnceCrashTest} for the decoder) are the gate on every Kafka upgrade; with {@code
 * inference.batch.size=1} none of these classes is touched.
 *
 * <p>Why not the alternatives (measured; see the design note EOS-BATCHING.md): the public {@code
 * StateStore.flush()}/{@code commit(Map)} run after the transaction commits; a wall-clock
 * punctuator drains after the offsets were committed and loses records on a crash (44 of 30,000
 * over three kills in the crash test's opt-in naive run). The other design that passes, a durable
 * buffer in a logged state store, needs only public APIs but writes every record twice and makes
 * the task stateful; it remains the fallback should the internal hook go away.
 */
package io.latentwire.streams.batch;
