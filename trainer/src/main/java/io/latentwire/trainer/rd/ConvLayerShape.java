package io.latentwire.trainer.rd;

import io.latentwire.trainer.nn.LayerArrays;

/** The shape checks {@link ConvLayer} and {@link Conv1dLayer} share. */
final class ConvLayerShape {
  private ConvLayerShape() {}

  /** Throws, naming the field, unless channels, kernel and stride are at least 1, padding 0. */
  static void check(int inChannels, int outChannels, int kernel, int stride, int padding) {
    LayerArrays.requireAtLeast("inChannels", inChannels, 1);
    LayerArrays.requireAtLeast("outChannels", outChannels, 1);
    LayerArrays.requireAtLeast("kernel", kernel, 1);
    LayerArrays.requireAtLeast("stride", stride, 1);
    LayerArrays.requireAtLeast("padding", padding, 0);
  }
}
