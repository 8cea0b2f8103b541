package io.latentwire.codec.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.latentwire.codec.errors.InferenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns {@link InferenceOptions} into ORT session options, failing clearly on a missing GPU. */
final class SessionOptionsFactory {
  private static final Logger LOG = LoggerFactory.getLogger(SessionOptionsFactory.class);

  private SessionOptionsFactory() {}

  static OrtSession.SessionOptions create(InferenceOptions options) throws OrtException {
    OrtSession.SessionOptions so = new OrtSession.SessionOptions();
    try {
      so.setIntraOpNumThreads(options.intraOpThreads());
      so.setInterOpNumThreads(1);
      so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      // Spinning idle threads steal the second core from Kafka's own threads.
      so.addConfigEntry("session.intra_op.allow_spinning", options.allowSpinning() ? "1" : "0");
      so.addConfigEntry("session.inter_op.allow_spinning", options.allowSpinning() ? "1" : "0");
      if (options.provider() == ExecutionProvider.CUDA) {
        addCuda(so, options);
      }
      return so;
    } catch (OrtException | RuntimeException e) {
      so.close();
      throw e;
    }
  }

  private static void addCuda(OrtSession.SessionOptions so, InferenceOptions options)
      throws OrtException {
    try {
      so.addCUDA(options.deviceId());
    } catch (OrtException | UnsatisfiedLinkError e) {
      String why =
          "onnx.execution.provider=cuda but the CUDA execution provider is not available (device "
              + options.deviceId()
              + "): "
              + e.getMessage()
              + ". Build with the Maven profile -Pcuda (onnxruntime_gpu) on a machine with a CUDA"
              + " GPU and driver, or set onnx.execution.provider=cpu";
      if (!options.cpuFallback()) {
        throw new InferenceException(why);
      }
      LOG.warn("{}; falling back to CPU as configured", why);
    }
  }
}
