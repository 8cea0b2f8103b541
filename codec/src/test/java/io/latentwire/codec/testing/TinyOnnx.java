package io.latentwire.codec.testing;

import ai.onnx.proto.OnnxMl;
import java.util.List;

/** Builds tiny ONNX graphs in code for tests: a single Gemm layer {@code y = x W + b}. */
public final class TinyOnnx {
  private TinyOnnx() {}

  /** {@code out[batch, m] = in[batch, n] * w[n][m] + b[m]}, opset 13, dynamic batch. */
  public static byte[] linear(String in, String out, float[][] w, float[] b) {
    int n = w.length;
    int m = w[0].length;
    OnnxMl.TensorProto.Builder wt =
        OnnxMl.TensorProto.newBuilder()
            .setName("W")
            .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
            .addDims(n)
            .addDims(m);
    for (float[] row : w) {
      for (float v : row) {
        wt.addFloatData(v);
      }
    }
    OnnxMl.TensorProto.Builder bt =
        OnnxMl.TensorProto.newBuilder()
            .setName("B")
            .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
            .addDims(m);
    for (float v : b) {
      bt.addFloatData(v);
    }
    OnnxMl.GraphProto graph =
        OnnxMl.GraphProto.newBuilder()
            .setName("linear")
            .addInput(valueInfo(in, n))
            .addOutput(valueInfo(out, m))
            .addInitializer(wt)
            .addInitializer(bt)
            .addNode(
                OnnxMl.NodeProto.newBuilder()
                    .setOpType("Gemm")
                    .addAllInput(List.of(in, "W", "B"))
                    .addOutput(out))
            .build();
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setProducerName("latentwire-tests")
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  private static OnnxMl.ValueInfoProto valueInfo(String name, int width) {
    return OnnxMl.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            OnnxMl.TypeProto.newBuilder()
                .setTensorType(
                    OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setShape(
                            OnnxMl.TensorShapeProto.newBuilder()
                                .addDim(
                                    OnnxMl.TensorShapeProto.Dimension.newBuilder()
                                        .setDimParam("batch"))
                                .addDim(
                                    OnnxMl.TensorShapeProto.Dimension.newBuilder()
                                        .setDimValue(width)))))
        .build();
  }
}
