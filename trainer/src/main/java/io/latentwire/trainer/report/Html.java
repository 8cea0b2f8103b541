package io.latentwire.trainer.report;

import java.util.Locale;

/** A small HTML text builder that escapes every piece of text it is given. */
final class Html {
  private final StringBuilder sb = new StringBuilder();

  /** Appends markup verbatim: only for literals of this package, never for data. */
  Html raw(String markup) {
    sb.append(markup);
    return this;
  }

  /** Appends escaped text. */
  Html text(String s) {
    sb.append(escape(s));
    return this;
  }

  /** Appends {@code <tag attrs>text</tag>}, the text escaped. */
  Html element(String tag, String text) {
    return raw("<" + tag + ">").text(text).raw("</" + tag + ">");
  }

  /** A table cell whose text is a number, with the exact value in {@code data-value}. */
  Html numberCell(double value, String shown) {
    return raw("<td class=\"num\" data-value=\"")
        .text(Double.toString(value))
        .raw("\">")
        .text(shown)
        .raw("</td>");
  }

  /** A figure: the image (relative link) and a caption that states its key numbers. */
  Html figure(String file, String alt, String caption) {
    return raw("<figure><img src=\"")
        .text(file)
        .raw("\" alt=\"")
        .text(alt)
        .raw("\"><figcaption>")
        .text(caption)
        .raw("</figcaption></figure>\n");
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A number for people: 4 significant digits, {@code ∞} and {@code –} for infinite and NaN. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** A number with fixed decimals, for columns of like figures (dB, bytes). */
  static String fixed(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return num(v);
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
