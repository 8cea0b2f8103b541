package io.latentwire.codec.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.entropy.ResidualStatistics;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.quant.OperatingPoint;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a model bundle says about itself: how to map, normalize, quantize and entropy-code (a ladder
 * of operating points, each with its own step and tables), what files it holds (with their
 * SHA-256), how well it did on validation data, and where it came from.
 *
 * @param formatVersion bundle format version, {@link #FORMAT_VERSION} for bundles written now
 * @param architecture network family, e.g. {@code mlp}
 * @param inputSize number of features the encoder takes (= mapping width)
 * @param latentSize number of latent values per record
 * @param mapping record fields that feed the model
 * @param schemaFingerprint Avro parsing-form fingerprint (hex) of the schema trained on
 * @param normalization per-feature normalization
 * @param operatingPoints the quality ladder: 1 to {@link OperatingPoint#MAX_PER_BUNDLE} points,
 *     each a quantization step with one frequency table per latent dimension; a payload names the
 *     index of the point it was coded at
 * @param defaultOperatingPoint index of the point used when the encoder is not told otherwise
 * @param files SHA-256 (hex) of every file in the bundle other than the manifest
 * @param metrics validation metrics (e.g. {@code val.psnr.db}, {@code val.max_abs_error})
 * @param provenance trainer version, data fingerprint, hyperparameters, etc.
 * @param residualStatistics fitted priors of the max-abs-error residual coder, or {@code null}
 *     (bundles trained before them: residuals then start from uninformed probabilities)
 * @param defaultMaxAbsError the bound spec encoders use when not given one (the syntax of {@link
 *     EncodeSettings#parseMaxAbsError}, e.g. {@code 0.05} or {@code temp=0.1,*=1}; set by {@code
 *     train --max-abs-error}), or {@code null} for none (bundles without it read as before);
 *     checked against the mapping here. {@value EncodeSettings#NO_BOUND} reads as {@code null}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    @JsonProperty("formatVersion") int formatVersion,
    @JsonProperty("architecture") String architecture,
    @JsonProperty("inputSize") int inputSize,
    @JsonProperty("latentSize") int latentSize,
    @JsonProperty("mapping") FieldMapping mapping,
    @JsonProperty("schemaFingerprint") String schemaFingerprint,
    @JsonProperty("normalization") Normalization normalization,
    @JsonProperty("operatingPoints") List<OperatingPoint> operatingPoints,
    @JsonProperty("defaultOperatingPoint") int defaultOperatingPoint,
    @JsonProperty("files") SortedMap<String, String> files,
    @JsonProperty("metrics") SortedMap<String, Double> metrics,
    @JsonProperty("provenance") SortedMap<String, String> provenance,
    @JsonProperty("residualStatistics") ResidualStatistics residualStatistics,
    @JsonProperty("defaultMaxAbsError") String defaultMaxAbsError) {

  /** The bundle format this code writes and reads. */
  public static final int FORMAT_VERSION = 2;

  public Manifest {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "bundle format version "
              + formatVersion
              + " is not supported; this build reads version "
              + FORMAT_VERSION
              + (formatVersion == 1
                  ? " (version 1 bundles have a single quantizer and no entropy tables: retrain the"
                      + " model, or re-export it with operating points)"
                  : ""));
    }
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(normalization, "normalization");
    Objects.requireNonNull(operatingPoints, "operatingPoints");
    operatingPoints = List.copyOf(operatingPoints);
    if (inputSize != mapping.width() || inputSize != normalization.size()) {
      throw new IllegalArgumentException(
          "inputSize "
              + inputSize
              + " must equal the mapping width "
              + mapping.width()
              + " and the normalization size "
              + normalization.size());
    }
    if (latentSize < 1) {
      throw new IllegalArgumentException("latentSize must be >= 1, got " + latentSize);
    }
    if (operatingPoints.isEmpty() || operatingPoints.size() > OperatingPoint.MAX_PER_BUNDLE) {
      throw new IllegalArgumentException(
          "operatingPoints must hold 1 to "
              + OperatingPoint.MAX_PER_BUNDLE
              + " points, got "
              + operatingPoints.size());
    }
    for (int i = 0; i < operatingPoints.size(); i++) {
      OperatingPoint p = operatingPoints.get(i);
      if (p.tables().size() != latentSize) {
        throw new IllegalArgumentException(
            "operating point "
                + i
                + " ("
                + p.name()
                + ") has "
                + p.tables().size()
                + " frequency tables; it needs one per latent dimension, "
                + latentSize);
      }
    }
    if (defaultOperatingPoint < 0 || defaultOperatingPoint >= operatingPoints.size()) {
      throw new IllegalArgumentException(
          "defaultOperatingPoint "
              + defaultOperatingPoint
              + " is not an index of operatingPoints (0.."
              + (operatingPoints.size() - 1)
              + ")");
    }
    if (residualStatistics != null && residualStatistics.featureCount() != inputSize) {
      throw new IllegalArgumentException(
          "residualStatistics cover "
              + residualStatistics.featureCount()
              + " features; inputSize is "
              + inputSize);
    }
    if (defaultMaxAbsError != null) {
      defaultMaxAbsError = defaultMaxAbsError.trim();
      // Same parser and messages as the encoders that will apply it; "none" is no default.
      if (EncodeSettings.parseMaxAbsError("defaultMaxAbsError", defaultMaxAbsError, mapping)
          == null) {
        defaultMaxAbsError = null;
      }
    }
    files = new TreeMap<>(files == null ? Map.of() : files);
    metrics = new TreeMap<>(metrics == null ? Map.of() : metrics);
    provenance = new TreeMap<>(provenance == null ? Map.of() : provenance);
  }

  /** A manifest without residual statistics (as bundles trained before them). */
  public Manifest(
      int formatVersion,
      String architecture,
      int inputSize,
      int latentSize,
      FieldMapping mapping,
      String schemaFingerprint,
      Normalization normalization,
      List<OperatingPoint> operatingPoints,
      int defaultOperatingPoint,
      SortedMap<String, String> files,
      SortedMap<String, Double> metrics,
      SortedMap<String, String> provenance) {
    this(
        formatVersion,
        architecture,
        inputSize,
        latentSize,
        mapping,
        schemaFingerprint,
        normalization,
        operatingPoints,
        defaultOperatingPoint,
        files,
        metrics,
        provenance,
        null,
        null);
  }

  /** A copy with fitted residual statistics ({@code null} to drop them). */
  public Manifest withResidualStatistics(ResidualStatistics statistics) {
    return copy(
        operatingPoints, defaultOperatingPoint, files, metrics, statistics, defaultMaxAbsError);
  }

  /** A copy with other file hashes. */
  public Manifest withFiles(Map<String, String> newFiles) {
    return copy(
        operatingPoints,
        defaultOperatingPoint,
        new TreeMap<>(newFiles),
        metrics,
        residualStatistics,
        defaultMaxAbsError);
  }

  /** A copy with more metrics (existing keys replaced). */
  public Manifest withMetrics(Map<String, Double> more) {
    TreeMap<String, Double> m = new TreeMap<>(metrics);
    m.putAll(more);
    return copy(
        operatingPoints, defaultOperatingPoint, files, m, residualStatistics, defaultMaxAbsError);
  }

  /** A copy with another quality ladder. */
  public Manifest withOperatingPoints(List<OperatingPoint> points, int defaultPoint) {
    return copy(points, defaultPoint, files, metrics, residualStatistics, defaultMaxAbsError);
  }

  /**
   * A copy with another default bound spec ({@code null} or {@value EncodeSettings#NO_BOUND} for
   * none).
   *
   * @throws IllegalArgumentException if the spec does not parse or names a field the mapping lacks
   */
  public Manifest withDefaultMaxAbsError(String spec) {
    return copy(operatingPoints, defaultOperatingPoint, files, metrics, residualStatistics, spec);
  }

  /**
   * The one place the copies are made: what a trained model's identity is (architecture, sizes,
   * mapping, schema, normalization, provenance) never changes after training; only the ladder, the
   * file hashes, the measured figures and the fitted or chosen coding settings do.
   */
  private Manifest copy(
      List<OperatingPoint> points,
      int defaultPoint,
      SortedMap<String, String> newFiles,
      SortedMap<String, Double> newMetrics,
      ResidualStatistics statistics,
      String boundSpec) {
    return new Manifest(
        formatVersion,
        architecture,
        inputSize,
        latentSize,
        mapping,
        schemaFingerprint,
        normalization,
        points,
        defaultPoint,
        newFiles,
        newMetrics,
        provenance,
        statistics,
        boundSpec);
  }

  /**
   * The per-feature bounds of {@link #defaultMaxAbsError()}, or {@code null} when the bundle has no
   * default bound.
   */
  @JsonIgnore
  public float[] defaultMaxAbsErrorBounds() {
    return defaultMaxAbsError == null
        ? null
        : EncodeSettings.parseMaxAbsError("defaultMaxAbsError", defaultMaxAbsError, mapping);
  }

  /** The operating point used when the encoder is not told otherwise. */
  @JsonIgnore
  public OperatingPoint defaultPoint() {
    return operatingPoints.get(defaultOperatingPoint);
  }
}
