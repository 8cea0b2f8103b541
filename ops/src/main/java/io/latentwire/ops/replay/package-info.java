/**
 * Replay: decode any historical range of a latent topic, each record with the model it was encoded
 * with (resolved through the model registry), into a topic, an Avro file or a CSV file.
 *
 * <p>{@link io.latentwire.ops.replay.ReplayBound} and {@link io.latentwire.ops.replay.ReplayPlan}
 * turn {@code --from}/{@code --to} into per-partition offset ranges; {@link
 * io.latentwire.ops.replay.Replayer} reads and decodes them; {@link
 * io.latentwire.ops.replay.ReplaySink}s write the result; {@link
 * io.latentwire.ops.replay.ProgressBar} reports on stderr.
 */
package io.latentwire.ops.replay;
