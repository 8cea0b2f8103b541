package io.latentwire.ops.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The baselines every data set is measured against: lossless zstd per record at a fast and a strong
 * level (on uint8 values when the data are 8-bit, else on float32), float16 + zstd, and PCA with
 * 8-bit coefficients at the data set's coefficient counts.
 */
public final class BaselineSuite {
  /** Levels of the lossless rows: zstd's default and its strongest regular level. */
  static final int[] ZSTD_LEVELS = {3, 19};

  private BaselineSuite() {}

  /**
   * Creates the baselines for {@code data}, PCA fitted on its training rows.
   *
   * @return codecs the caller closes
   */
  public static List<Baseline> create(BenchDataSet data, PcaModel pca) {
    int w = data.width();
    List<Baseline> out = new ArrayList<>();
    try {
      if (data.uint8Values()) {
        for (int level : ZSTD_LEVELS) {
          out.add(new Uint8ZstdBaseline(w, level));
        }
      }
      for (int level : ZSTD_LEVELS) {
        out.add(new Float32ZstdBaseline(w, level));
      }
      for (int level : ZSTD_LEVELS) {
        out.add(new Float16ZstdBaseline(w, level));
      }
      for (int k : data.pcaComponents()) {
        out.add(new PcaBaseline(pca, k));
      }
      return out;
    } catch (RuntimeException e) {
      out.forEach(Baseline::close);
      throw e;
    }
  }

  /** Fits the PCA the suite needs: as many components as the largest PCA row uses. */
  public static PcaModel fitPca(BenchDataSet data) {
    int max = 1;
    for (int k : data.pcaComponents()) {
      max = Math.max(max, k);
    }
    return PcaModel.fit(data.train(), data.width(), data.featureRange(), max);
  }
}
