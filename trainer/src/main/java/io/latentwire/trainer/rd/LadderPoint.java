package io.latentwire.trainer.rd;

import io.latentwire.codec.entropy.FrequencyTable;
import java.util.List;
import java.util.Objects;

/**
 * One operating point of a trained model: a quantisation step for the latent, the entropy tables of
 * the symbols it produces, and what it achieves on evaluation rows.
 *
 * <p>Deployment: {@code q_j = round(y_j / step)} (as {@code UniformQuantizer}), each {@code q_j}
 * entropy-coded with {@code tables.get(j)}; the decoder gets {@code q_j · step}.
 *
 * @param step quantisation step in latent units (the trained step is 1), finite and greater than 0
 * @param tables one frequency table per latent dimension, counted on the training rows; not null,
 *     immutable copy
 * @param estimatedBytesPerRecord mean over the evaluation rows of {@code Σ_j bits_j(q_j) / 8 +}
 *     {@value EntropyTables#HEADER_BYTES}, with {@code bits_j} the ideal cost {@link
 *     FrequencyTable#bits} and an escaped symbol charged its escape cost plus {@value
 *     EntropyTables#ESCAPE_PAYLOAD_BITS} raw bits. Each record coded alone; a real coder adds up to
 *     about one byte for flushing and byte alignment
 * @param mse mean squared error per value of {@code decoder(q · step)} on the evaluation rows, in
 *     normalised units
 * @param psnrDb {@code −10 · log10(mse)}: the PSNR for data in [0, 1]
 * @param zeroFraction fraction of all evaluation symbols that are 0
 */
public record LadderPoint(
    float step,
    List<FrequencyTable> tables,
    double estimatedBytesPerRecord,
    double mse,
    double psnrDb,
    double zeroFraction) {

  /** Copies the table list. */
  public LadderPoint {
    tables = List.copyOf(Objects.requireNonNull(tables, "tables must not be null"));
  }
}
