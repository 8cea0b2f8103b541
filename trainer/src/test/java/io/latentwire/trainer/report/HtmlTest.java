package io.latentwire.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void shouldEscapeTextSoDataCannotBecomeMarkup() {
    String s = new Html().element("td", "<img src=x onerror=\"a\">&'").toString();
    assertThat(s).isEqualTo("<td>&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;</td>");
  }

  @Test
  void shouldShowInfiniteAndMissingNumbersAsSymbols() {
    assertThat(Html.num(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    assertThat(Html.fixed(Double.NaN, 2)).isEqualTo("–");
    assertThat(Html.fixed(15.8745, 2)).isEqualTo("15.87");
    assertThat(Html.num(0.000123456)).isEqualTo("0.0001235");
  }
}
