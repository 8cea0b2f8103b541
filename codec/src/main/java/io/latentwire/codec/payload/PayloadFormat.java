package io.latentwire.codec.payload;

import io.latentwire.codec.entropy.CompiledTable;
import io.latentwire.codec.entropy.ContextResidualModel;
import io.latentwire.codec.entropy.FrequencyTable;
import io.latentwire.codec.entropy.RangeDecoder;
import io.latentwire.codec.entropy.RangeEncoder;
import io.latentwire.codec.entropy.ResidualModel;
import io.latentwire.codec.entropy.ResidualStatistics;
import io.latentwire.codec.errors.CorruptPayloadException;
import io.latentwire.codec.errors.UnsupportedPayloadVersionException;
import io.latentwire.codec.quant.OperatingPoint;
import io.latentwire.codec.quant.ResidualCode;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of one latent code, for one model.
 *
 * <pre>
 * version 3 (written when a residual is present and the model has fitted residual statistics; other
 * payloads are written as version 2, so decoders that predate version 3 still read them):
 *   as version 2, but each residual value is coded with {@link ContextResidualModel} (contexts from
 *   already-coded neighbours and the feature's class for its bound, probabilities starting from the
 *   model's fitted {@link ResidualStatistics}, from the prior table its bounds select), reset per
 *   payload
 *
 * version 2:
 *   byte 0      0x02
 *   byte 1      bit 7: residual present; bit 6: reserved, 0; bits 0-5: operating point index
 *   bytes 2..   one range-coded stream (see {@link RangeEncoder}):
 *                 latentSize symbols, dimension d coded with table d of the operating point
 *                 if residual present:
 *                   1 raw bit: 1 = one bound for all features
 *                   uniform: 15 raw bits, the bound (float32 bits 30..16, see {@link ResidualCode})
 *                   else runs covering the features in order, each: 15 raw bits bound, then
 *                     Exp-Golomb(run length - 1); consecutive runs differ, and there are >= 2
 *                   for each feature whose bound is not +Infinity, in feature order: one
 *                     residual value coded with {@link ResidualModel} (reset per payload)
 * </pre>
 *
 * Sizes are never stored: the latent and feature counts come from the model the record names, which
 * keeps a payload near its entropy (a dimension at zero costs a small fraction of a bit).
 *
 * <p>Decoding is strict: an unknown version, a reserved bit, an operating point the model lacks, a
 * NaN bound, a run beyond the last feature, a bound on no feature, an out-of-range symbol, trailing
 * bytes or a stream not ending where its encoder ended it are {@link CorruptPayloadException}s
 * ({@link UnsupportedPayloadVersionException} for the version). Work and allocation are bounded by
 * the model's sizes, never by a value read from the payload.
 *
 * <p>Immutable and thread-safe: tables are compiled once, coders are per call.
 */
public final class PayloadFormat {
  /** The newest format version: what this code writes for a payload with a residual. */
  public static final int VERSION = 3;

  /**
   * The version of payloads without a residual, and of residuals coded with {@link ResidualModel}.
   */
  public static final int VERSION_2 = 2;

  private static final int HEADER_BYTES = 2;
  private static final int RESIDUAL_FLAG = 0x80;
  private static final int RESERVED_FLAG = 0x40;
  private static final int OPERATING_POINT_MASK = 0x3F;
  private static final int BOUND_BITS = 15;

  private final CompiledTable[][] tables;
  private final int latentSize;
  private final int inputSize;
  private final ResidualStatistics residualStatistics;

  /** The last uniform bound's classes (a benign race: any thread may replace it, readers copy). */
  private volatile CachedClasses cached;

  /** As {@link #PayloadFormat(List, int, int, ResidualStatistics)} without residual statistics. */
  public PayloadFormat(List<OperatingPoint> points, int latentSize, int inputSize) {
    this(points, latentSize, inputSize, null);
  }

  /**
   * Compiles the tables of a model's operating points.
   *
   * @param points the model's ladder, 1 to {@link OperatingPoint#MAX_PER_BUNDLE} points, each with
   *     {@code latentSize} tables
   * @param inputSize number of features (residuals carry one value per bounded feature)
   * @param residualStatistics the model's fitted residual priors, or {@code null} for none
   * @throws IllegalArgumentException if the statistics do not cover {@code inputSize} features
   */
  public PayloadFormat(
      List<OperatingPoint> points,
      int latentSize,
      int inputSize,
      ResidualStatistics residualStatistics) {
    if (points.isEmpty() || points.size() > OperatingPoint.MAX_PER_BUNDLE) {
      throw new IllegalArgumentException(
          "a model has 1 to "
              + OperatingPoint.MAX_PER_BUNDLE
              + " operating points, got "
              + points.size());
    }
    if (latentSize < 1 || inputSize < 1) {
      throw new IllegalArgumentException(
          "latentSize and inputSize must be >= 1, got " + latentSize + " and " + inputSize);
    }
    if (residualStatistics != null && residualStatistics.featureCount() != inputSize) {
      throw new IllegalArgumentException(
          "residual statistics cover "
              + residualStatistics.featureCount()
              + " features; the model has "
              + inputSize);
    }
    this.latentSize = latentSize;
    this.inputSize = inputSize;
    this.residualStatistics = residualStatistics;
    this.tables = new CompiledTable[points.size()][];
    for (int p = 0; p < points.size(); p++) {
      OperatingPoint op = points.get(p);
      if (op.tables().size() != latentSize) {
        throw new IllegalArgumentException(
            "operating point "
                + p
                + " ("
                + op.name()
                + ") has "
                + op.tables().size()
                + " tables; the latent has "
                + latentSize
                + " dimensions");
      }
      tables[p] = op.tables().stream().map(CompiledTable::of).toArray(CompiledTable[]::new);
    }
  }

  public int operatingPointCount() {
    return tables.length;
  }

  public int latentSize() {
    return latentSize;
  }

  public int inputSize() {
    return inputSize;
  }

  /**
   * Encodes a latent code: version 3 when the model has residual statistics and a residual is
   * given, else version 2.
   *
   * @param operatingPoint index of the point the symbols were quantized at
   * @param symbols {@code latentSize} symbols, each within ±{@link
   *     FrequencyTable#MAX_SYMBOL_MAGNITUDE}
   * @param residual the max-abs-error residual, or {@code null} for none; it must bound at least
   *     one feature
   */
  public byte[] write(int operatingPoint, int[] symbols, ResidualCode residual) {
    // Without fitted statistics the version 2 coder, which adapts from scratch, does as well or
    // better, and older decoders read it.
    return write(
        operatingPoint, symbols, residual, residualStatistics != null ? VERSION : VERSION_2);
  }

  /**
   * Encodes a latent code in a chosen format version: {@link #VERSION_2} keeps a residual readable
   * by decoders that predate version 3 (its residual coder is weaker: about 15 % more residual
   * bytes on Fashion-MNIST at a bound of 0.066); a payload without a residual is the same in both
   * and is always marked version 2.
   *
   * @param version {@link #VERSION} or {@link #VERSION_2}
   */
  public byte[] write(int operatingPoint, int[] symbols, ResidualCode residual, int version) {
    if (version != VERSION && version != VERSION_2) {
      throw new IllegalArgumentException(
          "payload version " + version + " cannot be written; use " + VERSION_2 + " or " + VERSION);
    }
    if (operatingPoint < 0 || operatingPoint >= tables.length) {
      throw new IllegalArgumentException(
          "operating point "
              + operatingPoint
              + " does not exist; this model has 0.."
              + (tables.length - 1));
    }
    if (symbols.length != latentSize) {
      throw new IllegalArgumentException(
          "expected " + latentSize + " latent symbols, got " + symbols.length);
    }
    RangeEncoder enc = new RangeEncoder();
    CompiledTable[] t = tables[operatingPoint];
    for (int d = 0; d < latentSize; d++) {
      enc.encodeSymbol(t[d], symbols[d]);
    }
    if (residual != null) {
      writeResidual(enc, residual, version);
    }
    enc.finish();
    byte[] out = new byte[HEADER_BYTES + enc.size()];
    out[0] = (byte) (residual != null ? version : VERSION_2);
    out[1] = (byte) (operatingPoint | (residual != null ? RESIDUAL_FLAG : 0));
    enc.copyTo(out, HEADER_BYTES);
    return out;
  }

  private void writeResidual(RangeEncoder enc, ResidualCode residual, int version) {
    if (residual.featureCount() != inputSize) {
      throw new IllegalArgumentException(
          "residual has " + residual.featureCount() + " features; the model " + inputSize);
    }
    boolean anyBounded = false;
    for (int i = 0; i < inputSize && !anyBounded; i++) {
      anyBounded = residual.isBounded(i);
    }
    if (!anyBounded) {
      throw new IllegalArgumentException(
          "a residual must bound at least one feature; pass null for no residual");
    }
    if (residual.isUniform()) {
      enc.encodeDirectBits(1, 1);
      enc.encodeDirectBits(ResidualCode.boundCode(residual.bound(0)), BOUND_BITS);
    } else {
      enc.encodeDirectBits(0, 1);
      int i = 0;
      while (i < inputSize) {
        int code = ResidualCode.boundCode(residual.bound(i));
        int j = i + 1;
        while (j < inputSize && ResidualCode.boundCode(residual.bound(j)) == code) {
          j++;
        }
        enc.encodeDirectBits(code, BOUND_BITS);
        enc.encodeExpGolomb(j - i - 1);
        i = j;
      }
    }
    if (version == VERSION_2) {
      writeValuesVersion2(enc, residual);
      return;
    }
    ContextResidualModel model = new ContextResidualModel(residualStatistics, inputSize);
    float[] bounds = residual.bounds();
    model.reset(classesFor(residual, bounds), tableFor(bounds));
    ContextResidualModel.BitSink sink = ContextResidualModel.BitSink.of(enc);
    for (int i = 0; i < inputSize; i++) {
      if (!residual.isBounded(i)) {
        continue;
      }
      if (residual.isExact(i)) {
        model.encodeExact(sink, i, residual.value(i));
      } else {
        model.encode(sink, i, residual.value(i));
      }
    }
  }

  private void writeValuesVersion2(RangeEncoder enc, ResidualCode residual) {
    ResidualModel model = new ResidualModel();
    for (int i = 0; i < inputSize; i++) {
      if (!residual.isBounded(i)) {
        continue;
      }
      if (residual.isExact(i)) {
        model.encodeExact(enc, residual.value(i));
      } else {
        model.encode(enc, residual.value(i));
      }
    }
  }

  /**
   * Reads the header of a payload without decoding it.
   *
   * @throws UnsupportedPayloadVersionException if the first byte is not {@link #VERSION_2} or
   *     {@link #VERSION}
   * @throws CorruptPayloadException if the payload is shorter than its header, sets the reserved
   *     bit, or is version 3 without a residual
   */
  public static PayloadHeader header(byte[] payload) {
    if (payload == null || payload.length == 0) {
      throw new CorruptPayloadException("payload is empty; it must start with a version byte");
    }
    int version = payload[0] & 0xFF;
    if (version != VERSION && version != VERSION_2) {
      throw new UnsupportedPayloadVersionException(
          version, "versions " + VERSION_2 + " and " + VERSION);
    }
    if (payload.length < HEADER_BYTES) {
      throw new CorruptPayloadException(
          "payload of 1 byte is truncated: version "
              + version
              + " needs a second header byte (flags and operating point)");
    }
    int flags = payload[1] & 0xFF;
    if ((flags & RESERVED_FLAG) != 0) {
      throw new CorruptPayloadException(
          "payload header byte 0x"
              + Integer.toHexString(flags)
              + " sets reserved bit 6, which version "
              + version
              + " leaves 0");
    }
    boolean residual = (flags & RESIDUAL_FLAG) != 0;
    if (version == VERSION && !residual) {
      throw new CorruptPayloadException(
          "payload of version "
              + VERSION
              + " carries no residual; such payloads are written as version "
              + VERSION_2);
    }
    return new PayloadHeader(version, flags & OPERATING_POINT_MASK, residual);
  }

  /**
   * Decodes a payload.
   *
   * @throws UnsupportedPayloadVersionException if the first byte is not a known version
   * @throws CorruptPayloadException on anything else that an encoder of this model cannot have
   *     written
   */
  public DecodedPayload read(byte[] payload) {
    PayloadHeader h = header(payload);
    if (h.operatingPoint() >= tables.length) {
      throw new CorruptPayloadException(
          "payload names operating point "
              + h.operatingPoint()
              + " but the model has "
              + tables.length
              + " (0.."
              + (tables.length - 1)
              + ")");
    }
    RangeDecoder dec = new RangeDecoder();
    dec.init(payload, HEADER_BYTES, payload.length - HEADER_BYTES);
    CompiledTable[] t = tables[h.operatingPoint()];
    int[] symbols = new int[latentSize];
    for (int d = 0; d < latentSize; d++) {
      symbols[d] = dec.decodeSymbol(t[d]);
    }
    ResidualCode residual = h.hasResidual() ? readResidual(dec, h.version()) : null;
    dec.finish();
    return new DecodedPayload(h.operatingPoint(), symbols, residual);
  }

  private ResidualCode readResidual(RangeDecoder dec, int version) {
    float[] bounds = new float[inputSize];
    if (dec.decodeDirectBits(1) == 1) {
      Arrays.fill(bounds, readBound(dec));
    } else {
      int i = 0;
      int runs = 0;
      float previous = Float.NaN;
      while (i < inputSize) {
        float e = readBound(dec);
        if (Float.floatToRawIntBits(e) == Float.floatToRawIntBits(previous)) {
          throw new CorruptPayloadException(
              "residual bound runs " + (runs - 1) + " and " + runs + " repeat bound " + e);
        }
        int length = dec.decodeExpGolomb(30) + 1;
        if (length <= 0 || length > inputSize - i) {
          throw new CorruptPayloadException(
              "residual bound run "
                  + runs
                  + " covers features from "
                  + i
                  + " but the model has "
                  + inputSize);
        }
        Arrays.fill(bounds, i, i + length, e);
        i += length;
        previous = e;
        runs++;
      }
      if (runs == 1) {
        throw new CorruptPayloadException(
            "residual bounds are one run but not marked uniform; no encoder writes that");
      }
    }
    ResidualCode residual = new ResidualCode(bounds);
    if (version == VERSION_2) {
      readValuesVersion2(dec, residual);
    } else {
      readValues(dec, residual);
    }
    return residual;
  }

  private void readValues(RangeDecoder dec, ResidualCode residual) {
    ContextResidualModel model = new ContextResidualModel(residualStatistics, inputSize);
    float[] bounds = residual.bounds();
    model.reset(classesFor(residual, bounds), tableFor(bounds));
    boolean anyBounded = false;
    for (int i = 0; i < inputSize; i++) {
      if (!residual.isBounded(i)) {
        continue;
      }
      anyBounded = true;
      int v = model.decode(dec, i);
      if (model.lastWasExact()) {
        residual.setExactBits(i, v);
      } else {
        residual.setQuantized(i, v);
      }
    }
    requireBounded(anyBounded);
  }

  private void readValuesVersion2(RangeDecoder dec, ResidualCode residual) {
    ResidualModel model = new ResidualModel();
    boolean anyBounded = false;
    for (int i = 0; i < inputSize; i++) {
      if (!residual.isBounded(i)) {
        continue;
      }
      anyBounded = true;
      int v = model.decode(dec);
      if (model.lastWasExact()) {
        residual.setExactBits(i, v);
      } else {
        residual.setQuantized(i, v);
      }
    }
    requireBounded(anyBounded);
  }

  /**
   * Feature classes of a payload's bounds; those of the last uniform bound are kept, as a stream's
   * payloads usually share one bound (computing them is a division per feature).
   */
  private byte[] classesFor(ResidualCode residual, float[] bounds) {
    CachedClasses c = cached;
    if (c != null && c.matches(bounds)) {
      return c.classes;
    }
    byte[] classes = ContextResidualModel.classes(residualStatistics, bounds);
    if (residual.isUniform()) {
      cached =
          new CachedClasses(
              bounds[0],
              classes,
              residualStatistics == null ? 0 : residualStatistics.tableFor(bounds));
    }
    return classes;
  }

  /**
   * Classes and prior table of one uniform bound; immutable, so sharing it across threads is safe.
   */
  private record CachedClasses(float bound, byte[] classes, int table) {
    boolean matches(float[] bounds) {
      int bits = Float.floatToRawIntBits(bound);
      for (float b : bounds) {
        if (Float.floatToRawIntBits(b) != bits) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The prior table for a payload's bounds: a function of the bounds and the model alone, computed
   * with StrictMath on both sides, so it costs no bits and is the same on every machine.
   */
  private int tableFor(float[] bounds) {
    CachedClasses c = cached;
    if (c != null && c.matches(bounds)) {
      return c.table;
    }
    return residualStatistics == null ? 0 : residualStatistics.tableFor(bounds);
  }

  private static void requireBounded(boolean anyBounded) {
    if (!anyBounded) {
      throw new CorruptPayloadException(
          "the residual section bounds no feature (every bound is +Infinity)");
    }
  }

  private static float readBound(RangeDecoder dec) {
    float e = ResidualCode.boundOf(dec.decodeDirectBits(BOUND_BITS));
    if (Float.isNaN(e)) {
      throw new CorruptPayloadException("a residual bound is NaN");
    }
    return e;
  }
}
