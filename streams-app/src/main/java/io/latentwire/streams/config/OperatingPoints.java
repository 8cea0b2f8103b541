package io.latentwire.streams.config;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.quant.OperatingPoint;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/** Finds an operating point of a bundle's quality ladder by index or by name. */
final class OperatingPoints {
  private OperatingPoints() {}

  /**
   * The index of {@code point} in the bundle's ladder: a number is an index, anything else a name
   * (exact, else ignoring case).
   *
   * @throws ConfigException naming {@code key} and listing the ladder when there is no such point
   */
  static int indexOf(String point, ModelBundle bundle, String key) {
    List<OperatingPoint> ladder = bundle.manifest().operatingPoints();
    if (point.chars().allMatch(Character::isDigit)) {
      int i;
      try {
        i = Integer.parseInt(point);
      } catch (NumberFormatException e) {
        i = Integer.MAX_VALUE; // too many digits: out of range below
      }
      if (i < ladder.size()) {
        return i;
      }
      throw unknown(key, point, "has no operating point " + point, bundle);
    }
    for (int i = 0; i < ladder.size(); i++) {
      if (ladder.get(i).name().equals(point)) {
        return i;
      }
    }
    for (int i = 0; i < ladder.size(); i++) {
      if (ladder.get(i).name().toLowerCase(Locale.ROOT).equals(point.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    throw unknown(key, point, "has no operating point named '" + point + "'", bundle);
  }

  /** The ladder as "0 q0 (step 0.05, default), 1 q1 (step 0.1)". */
  static String describe(ModelBundle bundle) {
    List<OperatingPoint> ladder = bundle.manifest().operatingPoints();
    int dflt = bundle.manifest().defaultOperatingPoint();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ladder.size(); i++) {
      OperatingPoint p = ladder.get(i);
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(i).append(' ').append(p.name()).append(" (step ").append(p.step());
      // Validation figures the trainer records, when present: what each rung buys.
      Double psnr = p.metrics().get("val.psnr.db");
      if (psnr != null) {
        sb.append(String.format(Locale.ROOT, ", %.1f dB", psnr));
      }
      Double bytes = p.metrics().get("val.payload.bytes.mean");
      if (bytes != null) {
        sb.append(String.format(Locale.ROOT, ", %.1f bytes", bytes));
      }
      if (i == dflt) {
        sb.append(", default");
      }
      sb.append(')');
    }
    return sb.toString();
  }

  private static ConfigException unknown(
      String key, String point, String what, ModelBundle bundle) {
    return new ConfigException(
        key
            + "="
            + point
            + ": model "
            + bundle.id().shortHex()
            + " "
            + what
            + "; its ladder has "
            + bundle.manifest().operatingPoints().size()
            + ": "
            + describe(bundle));
  }
}
