/**
 * The training report: after {@code latentwire train ... --out M.lwm}, a static HTML page with PNG
 * figures in {@code M.report/} beside the bundle — loss curves, the bundle's quality ladder (bytes
 * per record against PSNR, figures taken from the manifest), per-feature reconstruction error
 * measured by running the bundle through {@link io.latentwire.codec.LatentCodec}, originals over
 * reconstructions for image data, and the manifest's metrics and provenance.
 *
 * <p>Build a {@link io.latentwire.trainer.report.TrainingReport} and hand it to {@link
 * io.latentwire.trainer.report.ReportWriter}. Figures are drawn with {@link
 * io.latentwire.trainer.report.chart}.
 */
package io.latentwire.trainer.report;
