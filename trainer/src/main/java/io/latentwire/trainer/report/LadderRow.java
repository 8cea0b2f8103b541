package io.latentwire.trainer.report;

import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.quant.OperatingPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * One operating point of the bundle's quality ladder, with the figures the manifest records for it
 * (measured on validation rows when the bundle was built). Read only from the manifest, so the
 * report can never disagree with it.
 *
 * @param index the point's index in the manifest
 * @param name the point's name
 * @param step quantization step, latent units
 * @param bytesPerRecord mean payload bytes per record, NaN when the manifest does not say
 * @param psnrDb validation PSNR in dB, NaN when the manifest does not say
 * @param maxAbsError largest validation error, raw units, NaN when the manifest does not say
 * @param isDefault whether this is the manifest's default point
 */
public record LadderRow(
    int index,
    String name,
    float step,
    double bytesPerRecord,
    double psnrDb,
    double maxAbsError,
    boolean isDefault) {

  /** Metric key of a point's mean payload size. */
  public static final String BYTES_KEY = "val.payload.bytes.mean";

  /** Metric key of a point's PSNR. */
  public static final String PSNR_KEY = "val.psnr.db";

  /** Metric key of a point's largest absolute error. */
  public static final String MAX_ABS_KEY = "val.max_abs_error";

  /** Every point of the manifest's ladder, in manifest order. */
  public static List<LadderRow> of(Manifest m) {
    List<LadderRow> points = new ArrayList<>();
    for (int i = 0; i < m.operatingPoints().size(); i++) {
      OperatingPoint p = m.operatingPoints().get(i);
      points.add(
          new LadderRow(
              i,
              p.name(),
              p.step(),
              p.metrics().getOrDefault(BYTES_KEY, Double.NaN),
              p.metrics().getOrDefault(PSNR_KEY, Double.NaN),
              p.metrics().getOrDefault(MAX_ABS_KEY, Double.NaN),
              i == m.defaultOperatingPoint()));
    }
    return points;
  }
}
