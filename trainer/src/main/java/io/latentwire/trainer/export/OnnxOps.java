package io.latentwire.trainer.export;

import ai.onnx.proto.OnnxMl;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;

/**
 * ONNX operators of the default domain that tribuo's {@link ONNXOperators} (opset 13) lacks. They
 * use the same opset version, so one {@code opset_import} entry covers the whole graph.
 */
enum OnnxOps implements ONNXOperator {
  /** Element-wise {@code max(0, x)} (Relu, unchanged in semantics since opset 6). */
  RELU("Relu");

  private final String opName;

  OnnxOps(String opName) {
    this.opName = opName;
  }

  @Override
  public String getOpName() {
    return opName;
  }

  @Override
  public int getNumInputs() {
    return 1;
  }

  @Override
  public int getNumOptionalInputs() {
    return 0;
  }

  @Override
  public int getNumOutputs() {
    return 1;
  }

  @Override
  public Map<String, ONNXAttribute> getAttributes() {
    return Collections.emptyMap();
  }

  @Override
  public Set<String> getMandatoryAttributeNames() {
    return Collections.emptySet();
  }

  @Override
  public int getOpVersion() {
    return ONNXOperators.getOpsetVersion();
  }

  /** Null: the default ONNX domain, as for tribuo's own operators. */
  @Override
  public String getOpDomain() {
    return null;
  }

  @Override
  public OnnxMl.OperatorSetIdProto opsetProto() {
    // The interface's default would pass the null domain to protobuf, which rejects it.
    return ONNXOperators.getOpsetProto();
  }
}
