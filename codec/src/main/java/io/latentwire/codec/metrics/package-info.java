/** Fidelity figures (PSNR, max abs error) computed the same way by trainer, demo and benchmarks. */
package io.latentwire.codec.metrics;
