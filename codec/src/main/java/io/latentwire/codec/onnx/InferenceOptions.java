package io.latentwire.codec.onnx;

import java.util.Objects;

/**
 * How ONNX Runtime sessions are set up.
 *
 * @param provider CPU or CUDA
 * @param deviceId CUDA device ordinal (ignored on CPU)
 * @param intraOpThreads threads per inference; 1 is best on small shared machines
 * @param allowSpinning let idle ORT threads spin; off by default because spinning threads on 2
 *     shared cores were measured to halve throughput
 * @param cpuFallback when CUDA is asked for but unavailable, run on CPU instead of failing
 */
public record InferenceOptions(
    ExecutionProvider provider,
    int deviceId,
    int intraOpThreads,
    boolean allowSpinning,
    boolean cpuFallback) {

  public InferenceOptions {
    Objects.requireNonNull(provider, "provider");
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
    }
    if (deviceId < 0) {
      throw new IllegalArgumentException("deviceId must be >= 0, got " + deviceId);
    }
  }

  /** One CPU thread, no spinning: the measured best on 2 shared cores. */
  public static InferenceOptions cpu() {
    return new InferenceOptions(ExecutionProvider.CPU, 0, 1, false, false);
  }

  public InferenceOptions withThreads(int threads) {
    return new InferenceOptions(provider, deviceId, threads, allowSpinning, cpuFallback);
  }
}
