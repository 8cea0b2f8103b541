/**
 * What the encode and decode apps measure about themselves: records and bytes in and out, the
 * compression ratio, batch sizes, inference latency and a sampled reconstruction error, as
 * Micrometer meters named {@code latentwire_*} and tagged with side, topic and model.
 *
 * <p>Processors call {@link io.latentwire.streams.metrics.PipelineMetrics} hooks; the app owns the
 * registry and serves it on {@code /metrics}.
 */
package io.latentwire.streams.metrics;
