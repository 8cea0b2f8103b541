package io.latentwire.codec.dataset;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Reads and writes numbers as CSV text. Reading is stricter than {@link Double#parseDouble}: no
 * hex, no {@code d}/{@code f} suffixes, no "NaN" as a number; surrounding whitespace is tolerated.
 * Writing gives the shortest text that reads back to the same value.
 */
final class NumberText {

  /** What a piece of text is, as far as a numeric column is concerned. */
  enum Kind {
    /** An integer literal that fits a {@code long}. */
    INTEGER,
    /** A finite decimal number (or an integer literal too large for a {@code long}). */
    DECIMAL,
    /** {@code NaN}, {@code Inf}, {@code Infinity} (any sign), or a literal that overflows. */
    NON_FINITE,
    /** Anything else, including the empty string. */
    NOT_A_NUMBER
  }

  /** Plain notation for magnitudes in [1e-7, 1e15): what people write; outside it, exponents. */
  private static final double PLAIN_MIN = 1e-7;

  private static final double PLAIN_MAX = 1e15;

  private static final RoundingMode HALF_EVEN = RoundingMode.HALF_EVEN;

  private NumberText() {}

  static Kind classify(String raw) {
    String s = raw.strip();
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int intStart = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    int intDigits = i - intStart;
    if (i == n && intDigits > 0) {
      return fitsLong(s) ? Kind.INTEGER : Kind.DECIMAL;
    }
    int fracDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      int fracStart = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      fracDigits = i - fracStart;
    }
    if (intDigits + fracDigits == 0) {
      return isNonFiniteWord(s) ? Kind.NON_FINITE : Kind.NOT_A_NUMBER;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expStart = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == expStart) {
        return Kind.NOT_A_NUMBER;
      }
    }
    if (i != n) {
      return Kind.NOT_A_NUMBER;
    }
    return Double.isFinite(Double.parseDouble(s)) ? Kind.DECIMAL : Kind.NON_FINITE;
  }

  /** Parses text {@link #classify classified} as {@link Kind#INTEGER}. */
  static long parseLong(String raw) {
    return Long.parseLong(raw.strip());
  }

  /** Parses text classified as {@link Kind#INTEGER} or {@link Kind#DECIMAL}. */
  static double parseDouble(String raw) {
    return Double.parseDouble(raw.strip());
  }

  /**
   * Shortest text that reads back as exactly {@code value}, with a fractional part so the column
   * stays a double column when read again ({@code 3.0}, not {@code 3}). Plain notation for ordinary
   * magnitudes, {@code 1.5E-9} style outside [1e-7, 1e15).
   *
   * @throws IllegalArgumentException for NaN or infinities, which CSV columns cannot hold
   */
  static String formatDouble(double value) {
    requireFinite(value);
    if (value == 0) {
      return Double.doubleToRawLongBits(value) == 0 ? "0.0" : "-0.0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(value));
    // JDK 17's Double.toString sometimes emits one digit more than needed (fixed in JDK 19).
    while (shortest.precision() > 1) {
      BigDecimal shorter = shortest.round(new MathContext(shortest.precision() - 1, HALF_EVEN));
      if (Double.parseDouble(shorter.toString()) != value) {
        break;
      }
      shortest = shorter;
    }
    return layout(shortest, Math.abs(value));
  }

  /** As {@link #formatDouble}, for the shortest text of a {@code float}. */
  static String formatFloat(float value) {
    requireFinite(value);
    if (value == 0) {
      return Float.floatToRawIntBits(value) == 0 ? "0.0" : "-0.0";
    }
    BigDecimal shortest = new BigDecimal(Float.toString(value));
    while (shortest.precision() > 1) {
      BigDecimal shorter = shortest.round(new MathContext(shortest.precision() - 1, HALF_EVEN));
      if (Float.parseFloat(shorter.toString()) != value) {
        break;
      }
      shortest = shorter;
    }
    return layout(shortest, Math.abs(value));
  }

  private static String layout(BigDecimal decimal, double magnitude) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    if (magnitude >= PLAIN_MIN && magnitude < PLAIN_MAX) {
      String plain = stripped.toPlainString();
      return plain.indexOf('.') >= 0 ? plain : plain + ".0";
    }
    String digits = stripped.unscaledValue().abs().toString();
    int exponent = stripped.precision() - stripped.scale() - 1;
    StringBuilder sb = new StringBuilder();
    if (stripped.signum() < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0)).append('.');
    sb.append(digits.length() > 1 ? digits.substring(1) : "0");
    return sb.append('E').append(exponent).toString();
  }

  private static void requireFinite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "cannot write " + value + " as CSV: numeric columns hold finite numbers only");
    }
  }

  private static boolean fitsLong(String s) {
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNonFiniteWord(String s) {
    String word = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    return switch (word) {
      case "NaN", "nan", "NAN", "Inf", "inf", "INF", "Infinity", "infinity", "INFINITY" -> true;
      default -> false;
    };
  }
}
