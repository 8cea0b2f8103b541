/**
 * Rate-distortion benchmark ({@code latentwire bench rd}): the learned codec and simple baselines
 * (uint8/float32/float16 + zstd, PCA with 8-bit coefficients) measured side by side, by one
 * harness, on the same test records, each record compressed alone: bytes per record, PSNR, max
 * error and single-thread encode/decode speed; results rendered as Markdown, CSV and an HTML report
 * with a plot.
 *
 * <p>The learned codec enters only through {@link io.latentwire.ops.bench.LearnedModelUnderTest}
 * and {@link io.latentwire.ops.bench.LearnedCodecUnderTest}, so a change of the codec's API only
 * touches the adapter ({@link io.latentwire.ops.bench.LatentCodecAdapter}).
 *
 * <p>Pipeline benchmark ({@code latentwire bench pipeline}, {@link
 * io.latentwire.ops.bench.PipelineBenchmark}): the encode and decode topologies on an embedded
 * broker against an {@link io.latentwire.ops.bench.IdentityTopology identity topology} run in the
 * same JVM on the same input: records/s, bytes per record in each topic's log, and end-to-end
 * latency percentiles at a fixed rate under the default and a tuned commit interval; rendered by
 * {@link io.latentwire.ops.bench.PipelineReport}.
 */
package io.latentwire.ops.bench;
