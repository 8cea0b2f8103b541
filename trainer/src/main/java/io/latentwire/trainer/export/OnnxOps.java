package io.latentwire.trainer.export;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;

/**
 * ONNX operators of the default domain that tribuo's {@link ONNXOperators} (opset 13) lacks. They
 * use the same opset version, so one {@code opset_import} entry covers the whole graph. Only the
 * attributes the exporter uses are declared (all optional in the ONNX specification), so a typo in
 * an attribute name fails at export instead of producing a model ONNX Runtime rejects.
 */
enum OnnxOps implements ONNXOperator {
  /** Element-wise {@code max(0, x)} (Relu, unchanged in semantics since opset 6). */
  RELU("Relu", 1, 0, Map.of()),
  /** 2-D convolution: inputs {@code (X, W[, B])}, {@code W} as {@code [out, in, kH, kW]}. */
  CONV(
      "Conv",
      2,
      1,
      Map.of(
          "kernel_shape", AttributeType.INTS,
          "strides", AttributeType.INTS,
          "pads", AttributeType.INTS)),
  /**
   * Takes {@code data[starts:ends]} along the given axes: inputs {@code (data, starts, ends[, axes,
   * steps])}, all int64 but the data.
   */
  SLICE("Slice", 3, 2, Map.of()),
  /** Reshape to the int64 shape given as second input ({@code -1} infers one dimension). */
  RESHAPE("Reshape", 2, 0, Map.of()),
  /** Permutes the axes as attribute {@code perm} says. */
  TRANSPOSE("Transpose", 1, 0, Map.of("perm", AttributeType.INTS));

  private final String opName;
  private final int inputs;
  private final int optionalInputs;
  private final Map<String, ONNXAttribute> attributes;

  OnnxOps(String opName, int inputs, int optionalInputs, Map<String, AttributeType> attributes) {
    this.opName = opName;
    this.inputs = inputs;
    this.optionalInputs = optionalInputs;
    Map<String, ONNXAttribute> declared = new LinkedHashMap<>();
    attributes.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> declared.put(e.getKey(), new ONNXAttribute(e.getKey(), e.getValue(), false)));
    this.attributes = Collections.unmodifiableMap(declared);
  }

  @Override
  public String getOpName() {
    return opName;
  }

  @Override
  public int getNumInputs() {
    return inputs;
  }

  @Override
  public int getNumOptionalInputs() {
    return optionalInputs;
  }

  @Override
  public int getNumOutputs() {
    return 1;
  }

  @Override
  public Map<String, ONNXAttribute> getAttributes() {
    return attributes;
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
