package io.latentwire.trainer.export;

import ai.onnx.proto.OnnxMl;
import io.latentwire.trainer.TrainerException;
import io.latentwire.trainer.nn.DenseLayer;
import io.latentwire.trainer.nn.OutputActivation;
import io.latentwire.trainer.rd.RdWeights;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes a trained rate–distortion model's deterministic path ({@link RdWeights}) as two ONNX
 * models, built in Java with tribuo's ONNX utilities. For an MLP:
 *
 * <ul>
 *   <li>Encoder: input {@value #ENCODER_INPUT} {@code float[batch, D]} → output {@value
 *       #ENCODER_OUTPUT} {@code float[batch, L]}: {@code Gemm} + {@code Relu} per hidden layer, a
 *       last {@code Gemm}, then {@code Sub} of the latent offset. No noise.
 *   <li>Decoder: input {@value #DECODER_INPUT} {@code float[batch, L]} → output {@value
 *       #DECODER_OUTPUT} {@code float[batch, D]}: {@code Add} of the offset, {@code Gemm} + {@code
 *       Relu} per hidden layer, a last {@code Gemm}, and {@code Sigmoid} when the output activation
 *       is {@link OutputActivation#SIGMOID}.
 * </ul>
 *
 * <p>The batch dimension is symbolic ({@code "batch"}), so any batch size runs. Opset {@value
 * #OPSET_VERSION} and IR version {@value #IR_VERSION}, both well inside what ONNX Runtime 1.23
 * loads. Weights are stored as little-endian raw data in initializers.
 *
 * <p>Provenance: every entry of the caller's map becomes a {@code metadata_props} entry (sorted by
 * key), readable through ONNX Runtime's {@code OrtSession.getMetadata().getCustomMetadata()}; the
 * producer name is {@value #PRODUCER_NAME} and the producer version is the one given at
 * construction.
 *
 * <p>Deterministic: identical weights, metadata and producer version give byte-identical output
 * (names come from fixed counters, metadata is sorted, and the protobuf holds no map fields).
 * Stateless and thread-safe.
 */
public final class OnnxExporter {
  /** Producer name written into every model. */
  public static final String PRODUCER_NAME = "latentwire-trainer";

  /** Name of the encoder's input tensor. */
  public static final String ENCODER_INPUT = "x";

  /** Name of the encoder's output tensor (the mean code). */
  public static final String ENCODER_OUTPUT = "mu";

  /** Name of the decoder's input tensor. */
  public static final String DECODER_INPUT = "z";

  /** Name of the decoder's output tensor. */
  public static final String DECODER_OUTPUT = "x_hat";

  /** ONNX opset of the default domain used by the graphs. */
  public static final int OPSET_VERSION = 13;

  /** ONNX IR version of the models (7 is the IR release that introduced opset 13). */
  public static final long IR_VERSION = 7;

  /** Domain of the exported models. */
  public static final String MODEL_DOMAIN = "io.latentwire";

  private final String producerVersion;

  /**
   * Creates an exporter.
   *
   * @param producerVersion version of the trainer written as the models' producer version; not null
   *     or blank. Part of the output bytes, so pass a stable value
   */
  public OnnxExporter(String producerVersion) {
    Objects.requireNonNull(producerVersion, "producerVersion must not be null");
    if (producerVersion.isBlank()) {
      throw new IllegalArgumentException("producerVersion is blank: give the trainer's version");
    }
    if (ONNXOperators.getOpsetVersion() != OPSET_VERSION) {
      throw new IllegalStateException(
          "tribuo-util-onnx defines opset "
              + ONNXOperators.getOpsetVersion()
              + " but this exporter was written for opset "
              + OPSET_VERSION);
    }
    this.producerVersion = producerVersion;
  }

  /**
   * Exports the encoder of a rate–distortion model: {@code x[batch, D] → mu[batch, L]}, the centred
   * code {@code y(x) − offset} that the codec quantises (round for the trained step). For {@link
   * RdWeights.Conv2d} the graph reshapes the flat channel-last record to {@code [batch, C, H, W]},
   * runs {@code Conv} + {@code Relu} layers, and flattens the latent grid channel-major.
   *
   * @param weights not null
   * @param metadata provenance written to {@code metadata_props}; not null, may be empty; keys not
   *     empty, no null keys or values
   * @return the serialised ONNX model
   * @throws IllegalArgumentException naming a bad metadata entry
   */
  public byte[] exportEncoder(RdWeights weights, Map<String, String> metadata) {
    Objects.requireNonNull(weights, "weights must not be null");
    Map<String, String> sortedMetadata = validatedMetadata(metadata);
    ONNXContext context = new ONNXContext();
    context.setName("latentwire_rd_encoder");
    RdGraphs.encoder(context, weights);
    return serialise(
        context,
        "latentwire rate-distortion encoder ("
            + architecture(weights)
            + "): centred code y(x) - offset in quantisation steps; deterministic, no noise",
        sortedMetadata);
  }

  /**
   * Exports the decoder of a rate–distortion model: {@code z[batch, L] → x_hat[batch, D]}, which
   * adds the latent offset back and runs the decoder (for {@link RdWeights.Conv2d}: {@code Conv},
   * pixel shuffle as {@code Reshape}/{@code Transpose}, crop with {@code Slice}, {@code Relu}, and
   * a reshape to the flat channel-last record).
   *
   * @param weights not null
   * @param metadata provenance written to {@code metadata_props}; not null, may be empty; keys not
   *     empty, no null keys or values
   * @return the serialised ONNX model
   * @throws IllegalArgumentException naming a bad metadata entry
   */
  public byte[] exportDecoder(RdWeights weights, Map<String, String> metadata) {
    Objects.requireNonNull(weights, "weights must not be null");
    Map<String, String> sortedMetadata = validatedMetadata(metadata);
    ONNXContext context = new ONNXContext();
    context.setName("latentwire_rd_decoder");
    RdGraphs.decoder(context, weights);
    return serialise(
        context,
        "latentwire rate-distortion decoder ("
            + architecture(weights)
            + "): reconstruction x_hat(z + offset), output activation "
            + weights.outputActivation(),
        sortedMetadata);
  }

  private static String architecture(RdWeights weights) {
    if (weights instanceof RdWeights.Mlp) {
      return "mlp";
    }
    return weights instanceof RdWeights.Conv1d ? "conv1d" : "conv2d";
  }

  /** {@code y = x · Wᵀ + b}: Gemm with transB, so W keeps the [outputs, inputs] layout. */
  static ONNXNode dense(ONNXContext context, ONNXRef<?> input, String name, DenseLayer layer) {
    float[] weights = layer.weights();
    ONNXInitializer weight =
        context.floatTensor(
            name + "_weight",
            List.of(layer.outputs(), layer.inputs()),
            buffer -> buffer.put(weights));
    ONNXInitializer bias = context.array(name + "_bias", layer.bias());
    return context.operation(
        ONNXOperators.GEMM,
        List.<ONNXRef<?>>of(input, weight, bias),
        name + "_gemm",
        Map.of("transB", 1));
  }

  private byte[] serialise(ONNXContext context, String description, Map<String, String> metadata) {
    try {
      OnnxMl.ModelProto.Builder model =
          OnnxMl.ModelProto.newBuilder()
              .setIrVersion(IR_VERSION)
              .addOpsetImport(ONNXOperators.getOpsetProto())
              .setProducerName(PRODUCER_NAME)
              .setProducerVersion(producerVersion)
              .setDomain(MODEL_DOMAIN)
              .setDocString(description)
              .setGraph(context.buildGraph());
      metadata.forEach(
          (key, value) ->
              model.addMetadataProps(
                  OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
      return model.build().toByteArray();
    } catch (RuntimeException e) {
      throw new TrainerException("could not build the ONNX model: " + description, e);
    }
  }

  private static Map<String, String> validatedMetadata(Map<String, String> metadata) {
    Objects.requireNonNull(metadata, "metadata must not be null (use Map.of())");
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      String key = entry.getKey();
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("metadata key " + key + ": must be a non-empty string");
      }
      if (entry.getValue() == null) {
        throw new IllegalArgumentException("metadata[" + key + "] is null: values must be strings");
      }
      sorted.put(key, entry.getValue());
    }
    return sorted;
  }
}
