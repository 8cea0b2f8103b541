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
 */
package io.latentwire.ops.bench;
