/**
 * The encode and decode processors, and the dead-letter handling they share. Processors work on raw
 * bytes so that a record that cannot even be deserialized is still dead-lettered with its offset,
 * instead of failing the stream.
 */
package io.latentwire.streams.processor;
