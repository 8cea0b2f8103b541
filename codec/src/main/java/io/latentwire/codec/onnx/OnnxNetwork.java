package io.latentwire.codec.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.latentwire.codec.errors.InferenceException;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One ONNX network with a single float input {@code [batch, inputSize]} and a single float output
 * {@code [batch, outputSize]}, run by ONNX Runtime.
 *
 * <p>Owns a native {@link OrtSession}: close it. Use after close is an {@link
 * IllegalStateException}, never a native crash. {@link #run} is thread-safe (ORT sessions are).
 */
public final class OnnxNetwork implements AutoCloseable {
  private final String name;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final String inputName;
  private final int inputSize;
  private final int outputSize;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OnnxNetwork(
      String name, OrtEnvironment env, OrtSession session, String inputName, int in, int out) {
    this.name = name;
    this.env = env;
    this.session = session;
    this.inputName = inputName;
    this.inputSize = in;
    this.outputSize = out;
  }

  /**
   * Loads a network.
   *
   * @param name for messages, e.g. "encoder of model 3f2a..."
   * @param expectedInput features per input row (checked against the graph when it is static)
   * @param expectedOutput features per output row
   */
  public static OnnxNetwork load(
      String name, byte[] onnx, int expectedInput, int expectedOutput, InferenceOptions options) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions so = SessionOptionsFactory.create(options)) {
      OrtSession session = env.createSession(onnx, so);
      try {
        if (session.getNumInputs() != 1 || session.getNumOutputs() != 1) {
          throw new InferenceException(
              name
                  + " must have one input and one output; it has "
                  + session.getNumInputs()
                  + " inputs and "
                  + session.getNumOutputs()
                  + " outputs");
        }
        String input = session.getInputNames().iterator().next();
        return new OnnxNetwork(name, env, session, input, expectedInput, expectedOutput);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
    } catch (OrtException e) {
      throw new InferenceException("cannot load " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs a batch.
   *
   * @param rows row-major input, {@code batch * inputSize} values
   * @param batch number of rows
   * @return row-major output, {@code batch * outputSize} values
   */
  public float[] run(float[] rows, int batch) {
    if (closed.get()) {
      throw new IllegalStateException(name + " is closed");
    }
    if (rows.length != batch * inputSize) {
      throw new IllegalArgumentException(
          name + ": expected " + batch + " x " + inputSize + " values, got " + rows.length);
    }
    if (batch == 0) {
      return new float[0];
    }
    try (OnnxTensor t =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(rows), new long[] {batch, inputSize});
        OrtSession.Result r = session.run(Map.of(inputName, t))) {
      OnnxValue v = r.get(0);
      FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
      if (fb.remaining() != batch * outputSize) {
        throw new InferenceException(
            name
                + " returned "
                + fb.remaining()
                + " values for "
                + batch
                + " rows; expected "
                + batch * outputSize);
      }
      float[] out = new float[fb.remaining()];
      fb.get(out);
      return out;
    } catch (OrtException e) {
      throw new InferenceException(
          name + " failed on a batch of " + batch + ": " + e.getMessage(), e);
    }
  }

  /** A custom metadata entry of the ONNX model ({@code metadata_props}), if present. */
  public Optional<String> metadata(String key) {
    try {
      return Optional.ofNullable(session.getMetadata().getCustomMetadata().get(key));
    } catch (OrtException e) {
      throw new InferenceException(name + ": cannot read metadata: " + e.getMessage(), e);
    }
  }

  public int inputSize() {
    return inputSize;
  }

  public int outputSize() {
    return outputSize;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        session.close();
      } catch (OrtException e) {
        throw new InferenceException("closing " + name + " failed", e);
      }
    }
  }
}
