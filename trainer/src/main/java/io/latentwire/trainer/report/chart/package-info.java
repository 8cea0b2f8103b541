/**
 * Small off-screen chart drawing with Java2D: axes with readable ticks (linear or log10), line and
 * scatter series with legends and point labels, heat maps and image tiles, written as PNG through
 * {@link javax.imageio.ImageIO}. Works in a headless JVM ({@code java.awt.headless=true}).
 *
 * <p>Generic on purpose: nothing here knows about models or training, so other plots of the project
 * (the benchmark's rate–distortion plot, {@code io.latentwire.ops.bench.RdPlot}) are drawn with the
 * same {@link io.latentwire.trainer.report.chart.XyChart}: its log x axis, 5 dB y ticks, the band
 * above the plot for infinite (lossless) values and labelled diamond markers are all options here.
 */
package io.latentwire.trainer.report.chart;
