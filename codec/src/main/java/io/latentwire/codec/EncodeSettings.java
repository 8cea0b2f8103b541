package io.latentwire.codec;

import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.mapping.MappedField;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * How {@link LatentCodec#encode(float[], int, EncodeSettings)} codes records: at which operating
 * point of the bundle's ladder, and under which max-abs-error bound.
 *
 * <p>A bound {@code E} for a feature guarantees that the decoded value is within {@code E} of the
 * input, outliers and anomalies included (see {@link io.latentwire.codec.quant.ResidualQuantizer}
 * for how, and for the float-drift margin that makes it hold on other thread counts, batch sizes
 * and machines). Bounds are in raw feature units and are rounded down to 15-bit precision (at most
 * 0.8 % tighter). {@code +Infinity} means "no bound" for that feature. A bound below 1 makes
 * integer features lossless; a bound below a real feature's drift margin sends its values exactly.
 *
 * <p>The bound has three states: not given (the default: the bundle's own default bound applies,
 * {@link io.latentwire.codec.model.Manifest#defaultMaxAbsError()}, which {@code train
 * --max-abs-error} sets; none for bundles without one), explicitly none ({@link
 * #withoutMaxAbsError()}, the spec {@value #NO_BOUND}), or explicit bounds. {@link LatentCodec} is
 * the one place the bundle default is resolved, so every encoder (offline, record, streams) honours
 * it the same way.
 *
 * <p>Immutable; arrays are copied in and out.
 */
public final class EncodeSettings {
  /** The bound spec that turns any bound off, the bundle's default included. */
  public static final String NO_BOUND = "none";

  private static final EncodeSettings DEFAULTS = new EncodeSettings(-1, null, false, true);

  private final int operatingPoint;
  private final float[] maxAbsError;
  private final boolean uniform;

  /** True when no bound was given: the bundle's default bound applies. */
  private final boolean bundleDefaultBound;

  private EncodeSettings(
      int operatingPoint, float[] maxAbsError, boolean uniform, boolean bundleDefaultBound) {
    this.operatingPoint = operatingPoint;
    this.maxAbsError = maxAbsError;
    this.uniform = uniform;
    this.bundleDefaultBound = bundleDefaultBound;
  }

  /** The manifest's default operating point and the bundle's default bound (if it has one). */
  public static EncodeSettings defaults() {
    return DEFAULTS;
  }

  /**
   * The same settings at operating point {@code index} (checked against the model when encoding).
   */
  public EncodeSettings withOperatingPoint(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("operating point index must be >= 0, got " + index);
    }
    return new EncodeSettings(index, maxAbsError, uniform, bundleDefaultBound);
  }

  /** The same settings at the manifest's default operating point. */
  public EncodeSettings withDefaultOperatingPoint() {
    return new EncodeSettings(-1, maxAbsError, uniform, bundleDefaultBound);
  }

  /** The same settings without any bound, not even the bundle's default. */
  public EncodeSettings withoutMaxAbsError() {
    return new EncodeSettings(operatingPoint, null, false, false);
  }

  /** The same settings with the bundle's default bound (the state of {@link #defaults()}). */
  public EncodeSettings withBundleDefaultMaxAbsError() {
    return new EncodeSettings(operatingPoint, null, false, true);
  }

  /**
   * The same settings with one bound for every feature (the feature count is taken from the model
   * when encoding).
   *
   * @param e >= 0, or {@code +Infinity} for none
   */
  public EncodeSettings withMaxAbsError(float e) {
    checkBound(e, "max abs error");
    return new EncodeSettings(operatingPoint, new float[] {e}, true, false);
  }

  /**
   * The same settings with a bound per feature.
   *
   * @param perFeature one bound per model input feature, each >= 0 or {@code +Infinity}; {@code
   *     null} for no bound at all (as {@link #withoutMaxAbsError()}; what {@link #parseMaxAbsError}
   *     returns for {@value #NO_BOUND})
   */
  public EncodeSettings withMaxAbsError(float[] perFeature) {
    if (perFeature == null) {
      return withoutMaxAbsError();
    }
    if (perFeature.length == 0) {
      throw new IllegalArgumentException("per-feature max abs errors must not be empty");
    }
    for (int i = 0; i < perFeature.length; i++) {
      checkBound(perFeature[i], "max abs error of feature " + i);
    }
    return new EncodeSettings(operatingPoint, perFeature.clone(), false, false);
  }

  /**
   * Per-feature bounds from per-field bounds: every feature of a field gets the field's bound.
   *
   * @param mapping the model's field mapping
   * @param perField bound by field name; names must be mapped fields
   * @param otherFields bound of fields not named ({@code +Infinity} for none)
   * @throws IllegalArgumentException naming an unknown field and the mapped ones
   */
  public static float[] boundsPerField(
      FieldMapping mapping, Map<String, ? extends Number> perField, float otherFields) {
    checkBound(otherFields, "max abs error of the other fields");
    TreeSet<String> unknown = new TreeSet<>(perField.keySet());
    float[] out = new float[mapping.width()];
    int pos = 0;
    for (MappedField f : mapping.fields()) {
      Number b = perField.get(f.name());
      unknown.remove(f.name());
      float e = b == null ? otherFields : b.floatValue();
      checkBound(e, "max abs error of field " + f.name());
      Arrays.fill(out, pos, pos + f.width(), e);
      pos += f.width();
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "max abs error given for "
              + unknown
              + ", which the model does not map; mapped fields: "
              + mapping.fields().stream().map(MappedField::name).toList());
    }
    return out;
  }

  /**
   * Per-feature bounds from a bound spec, the syntax of the CLI's {@code encode --max-abs-error}
   * and of the streams app's {@code encode.max.abs.error}: one number {@code E} for every mapped
   * field, or {@code FIELD=E} pairs, comma-separated, with an optional {@code *=E} for the fields
   * not named (unnamed fields are unbounded otherwise). {@code E} is a number >= 0, or {@code
   * Infinity} for none. The whole spec {@value #NO_BOUND} means no bound at all (overriding a
   * bundle's default bound).
   *
   * @param option how the caller calls the spec, e.g. {@code --max-abs-error}; starts every syntax
   *     error message
   * @param spec never null
   * @param mapping the model's field mapping, against which field names are checked
   * @return one bound per model input feature (see {@link #withMaxAbsError(float[])}), or {@code
   *     null} for {@value #NO_BOUND}
   * @throws IllegalArgumentException naming the option, the spec and the bad part, or an unknown
   *     field and the mapped ones
   */
  public static float[] parseMaxAbsError(String option, String spec, FieldMapping mapping) {
    Objects.requireNonNull(mapping, "mapping");
    if (isNoBound(spec)) {
      return null;
    }
    BoundSpec b = BoundSpec.parse(option, spec);
    return boundsPerField(mapping, b.perField(), b.others());
  }

  /**
   * Checks the syntax of a bound spec (see {@link #parseMaxAbsError}) without a model: for
   * validating configuration before the model is known. Field names are checked later, against the
   * model.
   *
   * @throws IllegalArgumentException as {@link #parseMaxAbsError} does for syntax
   */
  public static void checkMaxAbsErrorSyntax(String option, String spec) {
    if (!isNoBound(spec)) {
      BoundSpec.parse(option, spec);
    }
  }

  /** Whether a bound spec is {@value #NO_BOUND} (case and surrounding blanks ignored). */
  public static boolean isNoBound(String spec) {
    return spec != null && spec.trim().equalsIgnoreCase(NO_BOUND);
  }

  /** A parsed bound spec: bounds of named fields, and of every other field. */
  private record BoundSpec(Map<String, Float> perField, float others) {
    static BoundSpec parse(String option, String spec) {
      Objects.requireNonNull(spec, "spec");
      String s = spec.trim();
      if (s.isEmpty()) {
        throw new IllegalArgumentException(
            option + " '" + spec + "': empty; give a number or FIELD=E pairs, e.g. 'temp=0.1,*=1'");
      }
      if (!s.contains("=")) {
        return new BoundSpec(Map.of(), number(option, spec, s));
      }
      Map<String, Float> perField = new java.util.LinkedHashMap<>();
      float others = Float.POSITIVE_INFINITY;
      for (String part : s.split(",")) {
        String[] kv = part.split("=", 2);
        if (kv.length != 2 || kv[0].isBlank()) {
          throw new IllegalArgumentException(
              option + " '" + spec + "': '" + part + "' is not FIELD=E; use e.g. 'temp=0.1,*=1'");
        }
        String field = kv[0].trim();
        float e = number(option, spec, kv[1].trim());
        if (field.equals("*")) {
          others = e;
        } else if (perField.put(field, e) != null) {
          throw new IllegalArgumentException(
              option + " '" + spec + "': field " + field + " is given more than once");
        }
      }
      return new BoundSpec(perField, others);
    }

    private static float number(String option, String spec, String s) {
      try {
        float e = Float.parseFloat(s);
        if (!(e >= 0)) {
          throw new NumberFormatException();
        }
        return e;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            option + " '" + spec + "': '" + s + "' is not a number >= 0");
      }
    }
  }

  /** The operating point asked for, or empty for the manifest's default. */
  public OptionalInt operatingPoint() {
    return operatingPoint < 0 ? OptionalInt.empty() : OptionalInt.of(operatingPoint);
  }

  /** Whether an explicit bound was set (not the bundle default, not {@value #NO_BOUND}). */
  public boolean hasErrorBound() {
    return maxAbsError != null;
  }

  /**
   * Whether no bound was given either way, so the bundle's default bound applies (see {@link
   * LatentCodec#maxAbsErrorOf(EncodeSettings)}).
   */
  public boolean usesBundleDefaultBound() {
    return bundleDefaultBound;
  }

  /**
   * The explicit bounds for a model of {@code inputSize} features (a single value expanded), or
   * {@code null} when no explicit bound was set (see {@link #usesBundleDefaultBound()}).
   *
   * @throws IllegalArgumentException if per-feature bounds were given for another feature count
   */
  public float[] maxAbsError(int inputSize) {
    if (maxAbsError == null) {
      return null;
    }
    if (uniform) {
      float[] all = new float[inputSize];
      Arrays.fill(all, maxAbsError[0]);
      return all;
    }
    if (maxAbsError.length != inputSize) {
      throw new IllegalArgumentException(
          "max abs error given for "
              + maxAbsError.length
              + " features; the model has "
              + inputSize
              + " (give one value, or one per feature)");
    }
    return maxAbsError.clone();
  }

  private static void checkBound(float e, String what) {
    if (!(e >= 0)) {
      throw new IllegalArgumentException(what + " must be >= 0 (or +Infinity for none), got " + e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncodeSettings s
        && s.operatingPoint == operatingPoint
        && s.uniform == uniform
        && s.bundleDefaultBound == bundleDefaultBound
        && Arrays.equals(s.maxAbsError, maxAbsError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operatingPoint, bundleDefaultBound, Arrays.hashCode(maxAbsError));
  }

  @Override
  public String toString() {
    return "EncodeSettings[operatingPoint="
        + (operatingPoint < 0 ? "default" : operatingPoint)
        + ", maxAbsError="
        + (maxAbsError == null
            ? bundleDefaultBound ? "bundle default" : "none"
            : uniform ? maxAbsError[0] + " for all features" : Arrays.toString(maxAbsError))
        + "]";
  }
}
