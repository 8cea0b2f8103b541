/**
 * The encode and decode processors, the batching they share, and dead-letter handling. Processors
 * work on raw bytes so that a record that cannot even be deserialized is still dead-lettered with
 * its offset, instead of failing the stream. Batching under exactly-once is explained on {@link
 * io.latentwire.streams.processor.BatchingProcessor}.
 */
package io.latentwire.streams.processor;
