package io.latentwire.trainer.export;

import io.latentwire.trainer.nn.DenseLayer;
import io.latentwire.trainer.nn.OutputActivation;
import io.latentwire.trainer.rd.Conv1dLayer;
import io.latentwire.trainer.rd.ConvLayer;
import io.latentwire.trainer.rd.ImageShape;
import io.latentwire.trainer.rd.RdWeights;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Builds the ONNX graphs of a rate–distortion model's deployment path into a context; {@link
 * OnnxExporter} names, documents and serialises them.
 *
 * <p>Both graphs keep the codec's flat interface: the encoder maps {@code x[batch, D]} to the
 * centred code {@code mu[batch, L]}, the decoder maps {@code z[batch, L]} to {@code x_hat[batch,
 * D]}; a convolutional model reshapes inside the graph. Each node mirrors one step of the DJL
 * forward pass, in the same order, so the two agree to float rounding.
 */
final class RdGraphs {
  private RdGraphs() {}

  /** {@code x → y(x) − offset}. */
  static void encoder(ONNXContext context, RdWeights weights) {
    ONNXRef<?> input = context.floatInput(OnnxExporter.ENCODER_INPUT, weights.inputSize());
    ONNXRef<?> latent;
    if (weights instanceof RdWeights.Mlp mlp) {
      latent = denseChain(context, input, "encoder", mlp.encoder());
    } else if (weights instanceof RdWeights.Conv1d conv) {
      ONNXRef<?> current =
          reshape(
              context, input, "encoder_window", new long[] {-1, conv.length(), conv.channels()});
      current = transpose(context, current, "encoder_cl", new int[] {0, 2, 1});
      List<Conv1dLayer> layers = conv.encoder();
      for (int i = 0; i < layers.size(); i++) {
        current = conv1d(context, current, "encoder_" + i, layers.get(i));
        if (i < layers.size() - 1) {
          current = current.apply(OnnxOps.RELU);
        }
      }
      latent = reshape(context, current, "encoder_flat", new long[] {-1, conv.latentSize()});
    } else {
      RdWeights.Conv2d conv = (RdWeights.Conv2d) weights;
      ImageShape image = conv.image();
      ONNXRef<?> current =
          reshape(
              context,
              input,
              "encoder_image",
              new long[] {-1, image.height(), image.width(), image.channels()});
      current = transpose(context, current, "encoder_chw", new int[] {0, 3, 1, 2});
      current = convChain(context, current, "encoder", conv.encoder());
      latent = reshape(context, current, "encoder_flat", new long[] {-1, conv.latentSize()});
    }
    ONNXInitializer offset = context.array("latent_offset", weights.latentOffset());
    ONNXNode centred =
        context.operation(
            ONNXOperators.SUB, List.<ONNXRef<?>>of(latent, offset), "encoder_centred");
    context.assignTo(
        centred, context.floatOutput(OnnxExporter.ENCODER_OUTPUT, weights.latentSize()));
  }

  /** {@code z → x̂(z + offset)}. */
  static void decoder(ONNXContext context, RdWeights weights) {
    ONNXRef<?> input = context.floatInput(OnnxExporter.DECODER_INPUT, weights.latentSize());
    ONNXInitializer offset = context.array("latent_offset", weights.latentOffset());
    ONNXRef<?> latent =
        context.operation(ONNXOperators.ADD, List.<ONNXRef<?>>of(input, offset), "decoder_latent");
    ONNXRef<?> output;
    if (weights instanceof RdWeights.Mlp mlp) {
      output = activate(denseChain(context, latent, "decoder", mlp.decoder()), weights);
    } else if (weights instanceof RdWeights.Conv1d conv) {
      ONNXRef<?> current =
          reshape(
              context,
              latent,
              "decoder_grid",
              new long[] {-1, conv.latentChannels(), conv.latentLength()});
      current = activate(shuffleChain1d(context, current, conv), weights);
      current = transpose(context, current, "decoder_lc", new int[] {0, 2, 1});
      output = reshape(context, current, "decoder_flat", new long[] {-1, conv.inputSize()});
    } else {
      RdWeights.Conv2d conv = (RdWeights.Conv2d) weights;
      ImageShape image = conv.image();
      ONNXRef<?> current =
          reshape(
              context,
              latent,
              "decoder_grid",
              new long[] {-1, conv.latentChannels(), conv.latentHeight(), conv.latentWidth()});
      current = activate(subpixelChain(context, current, conv), weights);
      current = transpose(context, current, "decoder_hwc", new int[] {0, 2, 3, 1});
      output = reshape(context, current, "decoder_flat", new long[] {-1, image.values()});
    }
    context.assignTo(output, context.floatOutput(OnnxExporter.DECODER_OUTPUT, weights.inputSize()));
  }

  private static ONNXRef<?> activate(ONNXRef<?> logits, RdWeights weights) {
    return weights.outputActivation() == OutputActivation.SIGMOID
        ? logits.apply(ONNXOperators.SIGMOID)
        : logits;
  }

  /** Dense layers with ReLU between them, none after the last. */
  private static ONNXRef<?> denseChain(
      ONNXContext context, ONNXRef<?> input, String prefix, List<DenseLayer> layers) {
    ONNXRef<?> current = input;
    for (int i = 0; i < layers.size(); i++) {
      current = OnnxExporter.dense(context, current, prefix + "_" + i, layers.get(i));
      if (i < layers.size() - 1) {
        current = current.apply(OnnxOps.RELU);
      }
    }
    return current;
  }

  /** Convolutions with ReLU between them, none after the last. */
  private static ONNXRef<?> convChain(
      ONNXContext context, ONNXRef<?> input, String prefix, List<ConvLayer> layers) {
    ONNXRef<?> current = input;
    for (int i = 0; i < layers.size(); i++) {
      current = conv(context, current, prefix + "_" + i, layers.get(i));
      if (i < layers.size() - 1) {
        current = current.apply(OnnxOps.RELU);
      }
    }
    return current;
  }

  /**
   * The decoder's layers: convolution, pixel shuffle (as Reshape, Transpose, Reshape: the same
   * three steps as the DJL side), crop with Slice when the doubled size overshoots, ReLU between.
   */
  private static ONNXRef<?> subpixelChain(
      ONNXContext context, ONNXRef<?> input, RdWeights.Conv2d weights) {
    int r = RdWeights.Conv2d.UPSCALE;
    List<ConvLayer> layers = weights.decoder();
    int levels = weights.encoder().size();
    int[] grid = weights.grid(levels);
    ONNXRef<?> current = input;
    for (int i = 0; i < layers.size(); i++) {
      String name = "decoder_" + i;
      int[] target = weights.grid(levels - 1 - i);
      current = conv(context, current, name, layers.get(i));
      current =
          reshape(
              context,
              current,
              name + "_split",
              new long[] {-1, target[0], r, r, grid[1], grid[2]});
      current = transpose(context, current, name + "_interleave", new int[] {0, 1, 4, 2, 5, 3});
      current =
          reshape(
              context,
              current,
              name + "_shuffled",
              new long[] {-1, target[0], (long) grid[1] * r, (long) grid[2] * r});
      if (grid[1] * r != target[1] || grid[2] * r != target[2]) {
        current =
            context.operation(
                OnnxOps.SLICE,
                List.<ONNXRef<?>>of(
                    current,
                    context.array(name + "_crop_starts", new long[] {0, 0}),
                    context.array(name + "_crop_ends", new long[] {target[1], target[2]}),
                    context.array(name + "_crop_axes", new long[] {2, 3})),
                name + "_cropped");
      }
      if (i < layers.size() - 1) {
        current = current.apply(OnnxOps.RELU);
      }
      grid = target;
    }
    return current;
  }

  /** The 1-D decoder: convolution, shuffle (Reshape, Transpose, Reshape), crop, ReLU between. */
  private static ONNXRef<?> shuffleChain1d(
      ONNXContext context, ONNXRef<?> input, RdWeights.Conv1d weights) {
    int r = RdWeights.Conv1d.UPSCALE;
    List<Conv1dLayer> layers = weights.decoder();
    int levels = weights.encoder().size();
    int[] level = weights.level(levels);
    ONNXRef<?> current = input;
    for (int i = 0; i < layers.size(); i++) {
      String name = "decoder_" + i;
      int[] target = weights.level(levels - 1 - i);
      current = conv1d(context, current, name, layers.get(i));
      current = reshape(context, current, name + "_split", new long[] {-1, target[0], r, level[1]});
      current = transpose(context, current, name + "_interleave", new int[] {0, 1, 3, 2});
      current =
          reshape(
              context,
              current,
              name + "_shuffled",
              new long[] {-1, target[0], (long) level[1] * r});
      if (level[1] * r != target[1]) {
        current =
            context.operation(
                OnnxOps.SLICE,
                List.<ONNXRef<?>>of(
                    current,
                    context.array(name + "_crop_starts", new long[] {0}),
                    context.array(name + "_crop_ends", new long[] {target[1]}),
                    context.array(name + "_crop_axes", new long[] {2})),
                name + "_cropped");
      }
      if (i < layers.size() - 1) {
        current = current.apply(OnnxOps.RELU);
      }
      level = target;
    }
    return current;
  }

  private static ONNXNode conv1d(
      ONNXContext context, ONNXRef<?> input, String name, Conv1dLayer layer) {
    int k = layer.kernel();
    List<Integer> shape = List.of(layer.outChannels(), layer.inChannels(), k);
    float[] values = layer.weights();
    ONNXInitializer weight =
        context.floatTensor(name + "_weight", shape, buffer -> buffer.put(values));
    ONNXInitializer bias = context.array(name + "_bias", layer.bias());
    Map<String, Object> attributes = new TreeMap<>();
    attributes.put("kernel_shape", new int[] {k});
    attributes.put("strides", new int[] {layer.stride()});
    attributes.put("pads", new int[] {layer.padding(), layer.padding()});
    return context.operation(
        OnnxOps.CONV, List.<ONNXRef<?>>of(input, weight, bias), name + "_conv", attributes);
  }

  private static ONNXNode conv(
      ONNXContext context, ONNXRef<?> input, String name, ConvLayer layer) {
    int k = layer.kernel();
    List<Integer> shape = List.of(layer.outChannels(), layer.inChannels(), k, k);
    float[] values = layer.weights();
    ONNXInitializer weight =
        context.floatTensor(name + "_weight", shape, buffer -> buffer.put(values));
    ONNXInitializer bias = context.array(name + "_bias", layer.bias());
    // Sorted: the order attributes are written in is part of the output bytes.
    Map<String, Object> attributes = new TreeMap<>();
    attributes.put("kernel_shape", new int[] {k, k});
    attributes.put("strides", new int[] {layer.stride(), layer.stride()});
    int p = layer.padding();
    attributes.put("pads", new int[] {p, p, p, p});
    return context.operation(
        OnnxOps.CONV, List.<ONNXRef<?>>of(input, weight, bias), name + "_conv", attributes);
  }

  private static ONNXNode reshape(
      ONNXContext context, ONNXRef<?> input, String name, long[] shape) {
    ONNXInitializer target = context.array(name + "_shape", shape);
    return context.operation(OnnxOps.RESHAPE, List.<ONNXRef<?>>of(input, target), name);
  }

  private static ONNXNode transpose(
      ONNXContext context, ONNXRef<?> input, String name, int[] perm) {
    return context.operation(
        OnnxOps.TRANSPOSE, List.<ONNXRef<?>>of(input), name, Map.of("perm", perm));
  }
}
