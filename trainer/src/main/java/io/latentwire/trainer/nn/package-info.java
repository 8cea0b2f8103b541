/**
 * Building blocks the rate–distortion trainer ({@link io.latentwire.trainer.rd}) and the exporter
 * share: access to DJL's PyTorch engine with one training at a time ({@link
 * io.latentwire.trainer.nn.DjlEngine}), dense layer weights as plain arrays ({@link
 * io.latentwire.trainer.nn.DenseLayer}) and the checks all layer records make ({@link
 * io.latentwire.trainer.nn.LayerArrays}), a seeded initialiser, row-buffer checks, the output
 * activation, and the progress and stop-reason types of a training run.
 *
 * <p>This package once held a separate VAE trainer with its own training loop and configuration
 * builder; the pipeline now trains rate–distortion models only, so that duplicate was removed and
 * only what both used remains here.
 */
package io.latentwire.trainer.nn;
