package io.latentwire.ops.mirror;

import java.util.Locale;

/**
 * What crossed from site A to site B, measured three ways, for the latent flow (latent + models
 * topics) and for the raw topic mirrored with the same MirrorMaker settings:
 *
 * <ul>
 *   <li>log size of the source topics at A: the record batches MirrorMaker fetches, compressed as
 *       their producers wrote them (zstd for both the encoder and the raw producer);
 *   <li>bytes MirrorMaker's replication consumer received from A over the network: those batches
 *       plus protocol overhead and idle fetch responses — what the WAN carries;
 *   <li>log size of the mirrored topics at B: rebatched and zstd-compressed by MirrorMaker's
 *       producer.
 * </ul>
 */
record BytesCrossed(
    long latentAtA,
    long modelsAtA,
    long rawAtA,
    long latentFlowReceived,
    long rawFlowReceived,
    long latentAtB,
    long modelsAtB,
    long rawAtB) {

  /** A plain-text table for the test output. */
  String report(int records) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%nBytes crossed A -> B for %d telemetry records (MirrorMaker 2, ops/mirror/mm2.properties)%n",
            records));
    sb.append(
        String.format(
            Locale.ROOT,
            "%-46s %14s %14s %14s%n",
            "",
            "latent+models",
            "raw (zstd)",
            "raw / latent"));
    row(sb, "log size at A", latentAtA + modelsAtA, rawAtA);
    row(sb, "received by MM2's consumer from A (network)", latentFlowReceived, rawFlowReceived);
    row(sb, "log size at B", latentAtB + modelsAtB, rawAtB);
    sb.append(
        String.format(
            Locale.ROOT,
            "of which models topic: %d B at A, %d B at B (one bundle, sent once)%n"
                + "per record at B: latent %.1f B, raw %.1f B%n",
            modelsAtA,
            modelsAtB,
            latentAtB / (double) records,
            rawAtB / (double) records));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String label, long latent, long raw) {
    sb.append(
        String.format(
            Locale.ROOT, "%-46s %14d %14d %14.2f%n", label, latent, raw, raw / (double) latent));
  }
}
