package io.latentwire.codec.onnx;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where ONNX Runtime runs the networks. */
public enum ExecutionProvider {
  CPU,
  /** Needs the {@code onnxruntime_gpu} artifact (Maven profile {@code -Pcuda}) and a CUDA GPU. */
  CUDA;

  /** Parses {@code cpu} or {@code cuda}; the error lists the allowed values. */
  public static ExecutionProvider parse(String s) {
    for (ExecutionProvider p : values()) {
      if (p.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown execution provider '"
            + s
            + "'; allowed: "
            + Arrays.stream(values())
                .map(v -> v.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
  }
}
