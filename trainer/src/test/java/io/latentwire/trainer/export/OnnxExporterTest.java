package io.latentwire.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.TensorInfo;
import io.latentwire.trainer.nn.DenseLayer;
import io.latentwire.trainer.nn.OutputActivation;
import io.latentwire.trainer.rd.RdWeights;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exporter on hand-made weights: graph structure, metadata, and a reference forward pass. */
class OnnxExporterTest {
  private final OnnxExporter exporter = new OnnxExporter("0.1.0-test");

  private static DenseLayer randomLayer(int inputs, int outputs, SplittableRandom random) {
    float[] weights = new float[inputs * outputs];
    float[] bias = new float[outputs];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) random.nextGaussian() / (float) Math.sqrt(inputs);
    }
    for (int i = 0; i < outputs; i++) {
      bias[i] = (float) random.nextGaussian() * 0.1f;
    }
    return new DenseLayer(inputs, outputs, weights, bias);
  }

  private static final float[] OFFSET = {0.25f, -1.5f};

  private static RdWeights.Mlp randomWeights(OutputActivation activation, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return new RdWeights.Mlp(
        6,
        List.of(randomLayer(6, 5, random), randomLayer(5, 4, random), randomLayer(4, 2, random)),
        List.of(randomLayer(2, 4, random), randomLayer(4, 5, random), randomLayer(5, 6, random)),
        activation,
        OFFSET);
  }

  /** The same computation in plain Java, the reference the graph must reproduce. */
  private static float[] forward(List<DenseLayer> layers, float[] input, boolean reluOnLast) {
    float[] current = input;
    for (int l = 0; l < layers.size(); l++) {
      DenseLayer layer = layers.get(l);
      float[] w = layer.weights();
      float[] b = layer.bias();
      float[] next = new float[layer.outputs()];
      for (int o = 0; o < layer.outputs(); o++) {
        double sum = b[o];
        for (int i = 0; i < layer.inputs(); i++) {
          sum += (double) w[o * layer.inputs() + i] * current[i];
        }
        boolean relu = l < layers.size() - 1 || reluOnLast;
        next[o] = (float) (relu ? Math.max(0, sum) : sum);
      }
      current = next;
    }
    return current;
  }

  private static List<String> opTypes(byte[] model) throws Exception {
    return OnnxMl.ModelProto.parseFrom(model).getGraph().getNodeList().stream()
        .map(OnnxMl.NodeProto::getOpType)
        .toList();
  }

  @Test
  void shouldBuildTheEncoderFromGemmAndReluThenTheOffsetWithoutAnyNoise() throws Exception {
    byte[] encoder = exporter.exportEncoder(randomWeights(OutputActivation.SIGMOID, 1), Map.of());

    OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(encoder);
    assertThat(opTypes(encoder))
        .containsExactly("Gemm", "Relu", "Gemm", "Relu", "Gemm", "Sub", "Identity");
    assertThat(model.getOpsetImportList())
        .singleElement()
        .satisfies(
            opset -> {
              assertThat(opset.getDomain()).isEmpty();
              assertThat(opset.getVersion()).isEqualTo(OnnxExporter.OPSET_VERSION);
            });
    assertThat(model.getIrVersion()).isEqualTo(OnnxExporter.IR_VERSION);
    assertThat(model.getProducerName()).isEqualTo("latentwire-trainer");
    assertThat(model.getProducerVersion()).isEqualTo("0.1.0-test");
    assertThat(model.getGraph().getInitializerList())
        .extracting(OnnxMl.TensorProto::getName)
        .noneMatch(name -> name.contains("prior") || name.contains("noise"));
  }

  @Test
  void shouldEndTheDecoderWithSigmoidOnlyForSigmoidOutput() throws Exception {
    byte[] sigmoid = exporter.exportDecoder(randomWeights(OutputActivation.SIGMOID, 2), Map.of());
    byte[] identity = exporter.exportDecoder(randomWeights(OutputActivation.IDENTITY, 2), Map.of());

    assertThat(opTypes(sigmoid))
        .containsExactly("Add", "Gemm", "Relu", "Gemm", "Relu", "Gemm", "Sigmoid", "Identity");
    assertThat(opTypes(identity))
        .containsExactly("Add", "Gemm", "Relu", "Gemm", "Relu", "Gemm", "Identity");
  }

  @Test
  void shouldDeclareNamedInputsAndOutputsWithASymbolicBatchDimension() throws Exception {
    RdWeights.Mlp weights = randomWeights(OutputActivation.SIGMOID, 3);
    try (OrtRunner encoder = new OrtRunner(exporter.exportEncoder(weights, Map.of()));
        OrtRunner decoder = new OrtRunner(exporter.exportDecoder(weights, Map.of()))) {
      assertIo(encoder.session().getInputInfo(), "x", 6);
      assertIo(encoder.session().getOutputInfo(), "mu", 2);
      assertIo(decoder.session().getInputInfo(), "z", 2);
      assertIo(decoder.session().getOutputInfo(), "x_hat", 6);
    }
  }

  private static void assertIo(Map<String, NodeInfo> info, String name, long width) {
    assertThat(info).containsOnlyKeys(name);
    TensorInfo tensor = (TensorInfo) info.get(name).getInfo();
    assertThat(tensor.getShape()).containsExactly(-1L, width);
    assertThat(tensor.getDimensionNames()).containsExactly("batch", "");
  }

  @Test
  void shouldComputeTheSameFunctionAsAPlainJavaForwardPassForAnyBatchSize() throws Exception {
    RdWeights.Mlp weights = randomWeights(OutputActivation.IDENTITY, 4);
    SplittableRandom random = new SplittableRandom(5);
    try (OrtRunner encoder = new OrtRunner(exporter.exportEncoder(weights, Map.of()));
        OrtRunner decoder = new OrtRunner(exporter.exportDecoder(weights, Map.of()))) {
      for (int batch : new int[] {1, 3, 17}) {
        float[][] x = new float[batch][6];
        for (float[] row : x) {
          for (int i = 0; i < row.length; i++) {
            row[i] = (float) random.nextGaussian();
          }
        }
        float[][] mu = encoder.run("x", x);
        float[][] xHat = decoder.run("z", mu);
        for (int r = 0; r < batch; r++) {
          float[] expectedMu = forward(weights.encoder(), x[r], false);
          float[] latent = new float[2];
          for (int i = 0; i < 2; i++) {
            latent[i] = expectedMu[i];
            expectedMu[i] -= OFFSET[i];
          }
          float[] expectedXHat = forward(weights.decoder(), latent, false);
          for (int i = 0; i < 2; i++) {
            assertThat(mu[r][i]).isCloseTo(expectedMu[i], within(1e-5f));
          }
          for (int i = 0; i < 6; i++) {
            assertThat(xHat[r][i]).isCloseTo(expectedXHat[i], within(1e-5f));
          }
        }
      }
    }
  }

  @Test
  void shouldWriteEveryProvenanceEntryReadableThroughOnnxRuntime() throws Exception {
    Map<String, String> provenance =
        Map.of(
            "latentwire.data.sha256", "9f86d081884c7d65",
            "latentwire.hyperparameters", "{\"latent\":2,\"lambda\":0.015}",
            "latentwire.trainer.version", "0.1.0-test");
    RdWeights.Mlp weights = randomWeights(OutputActivation.SIGMOID, 6);

    try (OrtRunner encoder = new OrtRunner(exporter.exportEncoder(weights, provenance));
        OrtRunner decoder = new OrtRunner(exporter.exportDecoder(weights, provenance))) {
      for (OrtRunner runner : List.of(encoder, decoder)) {
        OnnxModelMetadata metadata = runner.session().getMetadata();
        assertThat(metadata.getCustomMetadata()).isEqualTo(provenance);
        assertThat(metadata.getProducerName()).isEqualTo("latentwire-trainer");
        assertThat(metadata.getDomain()).isEqualTo("io.latentwire");
      }
    }
  }

  @Test
  void shouldSerialiseIdenticallyWhateverTheMetadataMapOrder() {
    RdWeights.Mlp weights = randomWeights(OutputActivation.SIGMOID, 7);
    Map<String, String> hashed = new HashMap<>();
    Map<String, String> linked = new LinkedHashMap<>();
    for (int i = 20; i > 0; i--) {
      hashed.put("key" + i, "value" + i);
    }
    for (int i = 1; i <= 20; i++) {
      linked.put("key" + i, "value" + i);
    }

    assertThat(exporter.exportEncoder(weights, hashed))
        .isEqualTo(exporter.exportEncoder(weights, linked));
    assertThat(exporter.exportDecoder(weights, hashed))
        .isEqualTo(new OnnxExporter("0.1.0-test").exportDecoder(weights, linked));
  }

  @Test
  void shouldChangeTheBytesWhenOneWeightChanges() {
    RdWeights.Mlp weights = randomWeights(OutputActivation.SIGMOID, 8);
    DenseLayer last = weights.encoder().get(2);
    float[] nudged = last.weights();
    nudged[0] = Math.nextUp(nudged[0]);
    RdWeights.Mlp changed =
        new RdWeights.Mlp(
            weights.inputSize(),
            List.of(
                weights.encoder().get(0),
                weights.encoder().get(1),
                new DenseLayer(last.inputs(), last.outputs(), nudged, last.bias())),
            weights.decoder(),
            weights.outputActivation(),
            OFFSET);

    assertThat(exporter.exportEncoder(changed, Map.of()))
        .isNotEqualTo(exporter.exportEncoder(weights, Map.of()));
  }

  @Test
  void shouldRejectANullMetadataValueNamingItsKey() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("latentwire.seed", null);

    assertThatThrownBy(
            () -> exporter.exportEncoder(randomWeights(OutputActivation.SIGMOID, 9), metadata))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metadata[latentwire.seed] is null: values must be strings");
  }

  @Test
  void shouldRejectABlankProducerVersion() {
    assertThatThrownBy(() -> new OnnxExporter(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("producerVersion");
  }
}
