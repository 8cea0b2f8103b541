package io.latentwire.trainer.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;

/** Runs an exported model in ONNX Runtime for tests, closing every native object it opens. */
final class OrtRunner implements AutoCloseable {
  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  OrtRunner(byte[] model) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = environment.createSession(model, options);
    }
  }

  OrtSession session() {
    return session;
  }

  float[][] run(String input, float[][] rows) throws OrtException {
    try (OnnxTensor tensor = OnnxTensor.createTensor(environment, rows);
        OrtSession.Result result = session.run(Map.of(input, tensor))) {
      return (float[][]) result.get(0).getValue();
    }
  }

  @Override
  public void close() throws OrtException {
    session.close(); // the environment is a process-wide singleton owned by ONNX Runtime
  }
}
