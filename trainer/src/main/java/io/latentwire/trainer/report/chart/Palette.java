package io.latentwire.trainer.report.chart;

import java.awt.Color;

/** Colours that stay apart from each other on white, in the order series usually take them. */
public final class Palette {
  /** Blue. */
  public static final Color BLUE = new Color(0x1f77b4);

  /** Orange. */
  public static final Color ORANGE = new Color(0xff7f0e);

  /** Green. */
  public static final Color GREEN = new Color(0x2ca02c);

  /** Red: what the eye should find first. */
  public static final Color RED = new Color(0xd62728);

  /** Purple. */
  public static final Color PURPLE = new Color(0x9467bd);

  /** Grey. */
  public static final Color GREY = new Color(0x7f7f7f);

  private static final Color BROWN = new Color(0x8c564b);
  private static final Color PINK = new Color(0xe377c2);
  private static final Color OLIVE = new Color(0xbcbd22);
  private static final Color CYAN = new Color(0x17becf);

  private static final Color[] CYCLE = {BLUE, ORANGE, GREEN, PURPLE, BROWN, PINK, GREY, CYAN};

  // The cycle without red and orange: beside a RED series, nothing else should look like it.
  private static final Color[] BESIDE_RED = {BLUE, GREEN, PURPLE, BROWN, PINK, GREY, OLIVE, CYAN};

  private Palette() {}

  /** The {@code i}-th colour of a repeating cycle, for series without a meaning of their own. */
  public static Color cycle(int i) {
    return CYCLE[Math.floorMod(i, CYCLE.length)];
  }

  /**
   * The {@code i}-th colour of a repeating cycle without red or orange, for the other series of a
   * chart in which {@link #RED} marks the ones the eye should find first.
   */
  public static Color cycleBesideRed(int i) {
    return BESIDE_RED[Math.floorMod(i, BESIDE_RED.length)];
  }
}
