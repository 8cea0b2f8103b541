package io.latentwire.trainer.pipeline;

import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.trainer.rd.Architecture;
import io.latentwire.trainer.rd.ImageShape;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * Chooses the network family from what the mapping says about the records.
 *
 * <ul>
 *   <li>An <b>image</b>: one mapped bytes/fixed field, or one numeric array whose name does not
 *       suggest a series, whose length is a square (or whose height and width the schema states in
 *       the properties {@value #HEIGHT_PROPERTY} / {@value #WIDTH_PROPERTY}, as IDX files do).
 *   <li>A <b>window</b> of a time series: one numeric array that is not an image.
 *   <li>Anything else (scalar columns, several fields): a plain vector.
 * </ul>
 *
 * <p>The automatic choice is {@link Architecture#CONV1D} for windows of at least {@value
 * #MIN_WINDOW} values, {@link Architecture#CONV2D} for images of at least {@value
 * #CONV2D_MIN_PIXELS} pixels, and {@link Architecture#MLP} otherwise: vectors, short windows and
 * small images. Why not CONV2D for Fashion-MNIST, measured here (2026-11-22, 2 shared cores, load
 * about 7; {@code bench rd --records 2000} on the test set, one ONNX Runtime thread, batch 64): the
 * default MLP (784-512-256-64, lambda 0.015, 30 epochs, 240 CPU s) gives 21.26 dB at 18.0 bytes per
 * record; a CONV2D model with the same latent size (48 channels, 4 × 4 × 4 latent, 3 epochs, 144
 * CPU s) gives 20.39 dB at 22.1 bytes and 19.92 dB at 18.0, and runs 3 times slower to encode
 * (median 13.8k against 42k records/s) and 8 times slower to decode (6.2k against 50k). Per epoch
 * CONV2D learns faster (20.40 against 18.81 dB after 3 epochs, rounded latent, on validation), but
 * its epoch costs about 45 CPU s against 7. {@code --arch conv2d} still trains it. Above 64 × 64
 * pixels the MLP's first layer (pixels × 512 weights) outgrows the convolutions, so large images
 * get CONV2D (a judgement, not measured here).
 *
 * <p>Why CONV1D for windows, measured the same day ({@code WindowArchitectureMeasurement}: 20k
 * windows of 64 samples of two-tone signals with noise, 10 epochs, defaults otherwise, 4k held-out
 * windows): CONV1D 31.29 dB at 18.77 bytes per record against the MLP's 30.41 dB at 19.84, at
 * 119k/113k records/s encode/decode in ONNX Runtime against 259k/262k, and 43.5 s of training
 * against 11.2 s. Both stay far above a stream's needs, so the better rate–distortion wins.
 */
final class ArchitectureChoice {
  static final String HEIGHT_PROPERTY = "latentwire.image.height";
  static final String WIDTH_PROPERTY = "latentwire.image.width";

  /** Images at least this many pixels get CONV2D automatically. */
  static final int CONV2D_MIN_PIXELS = 64 * 64;

  private static final int MIN_SIDE = 4;

  /** Windows shorter than this are plain vectors: three halvings need something to halve. */
  static final int MIN_WINDOW = 16;

  private static final Pattern SERIES_NAME =
      Pattern.compile(".*(window|series|sample|signal|wave|trace|seq|history|reading).*");

  private ArchitectureChoice() {}

  /** The image shape of the records, when they are images (see the class comment). */
  static Optional<ImageShape> imageShape(FieldMapping mapping, Schema schema) {
    if (mapping.fields().size() != 1) {
      return Optional.empty();
    }
    MappedField field = mapping.fields().get(0);
    if (field.type().isScalar()) {
      return Optional.empty();
    }
    Optional<ImageShape> declared = declaredShape(schema, field.width());
    if (declared.isPresent()) {
      return declared;
    }
    boolean pixels = field.type() == FieldType.BYTES || field.type() == FieldType.FIXED;
    if (!pixels && SERIES_NAME.matcher(field.name().toLowerCase(Locale.ROOT)).matches()) {
      return Optional.empty();
    }
    int side = (int) Math.round(Math.sqrt(field.width()));
    if (side >= MIN_SIDE && side * side == field.width()) {
      return Optional.of(new ImageShape(side, side, 1));
    }
    return Optional.empty();
  }

  /** True when the records are one numeric array that is not an image: a window of a series. */
  static boolean isWindow(FieldMapping mapping, Schema schema) {
    return mapping.fields().size() == 1
        && !mapping.fields().get(0).type().isScalar()
        && imageShape(mapping, schema).isEmpty();
  }

  /** The automatic choice (see the class comment). */
  static Architecture automatic(FieldMapping mapping, Schema schema) {
    Optional<ImageShape> image = imageShape(mapping, schema);
    if (image.isPresent() && image.get().height() * image.get().width() >= CONV2D_MIN_PIXELS) {
      return Architecture.CONV2D;
    }
    if (image.isEmpty() && isWindow(mapping, schema) && mapping.width() >= MIN_WINDOW) {
      return Architecture.CONV1D;
    }
    return Architecture.MLP;
  }

  private static Optional<ImageShape> declaredShape(Schema schema, int values) {
    Object h = schema.getObjectProp(HEIGHT_PROPERTY);
    Object w = schema.getObjectProp(WIDTH_PROPERTY);
    if (!(h instanceof Number height) || !(w instanceof Number width)) {
      return Optional.empty();
    }
    long pixels = height.longValue() * width.longValue();
    if (pixels < 1 || values % pixels != 0) {
      return Optional.empty();
    }
    return Optional.of(
        new ImageShape(height.intValue(), width.intValue(), (int) (values / pixels)));
  }
}
