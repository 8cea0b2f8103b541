/**
 * ONNX Runtime inference: session options (threads, spinning, execution provider) and an {@link
 * java.lang.AutoCloseable} wrapper of one network with a batched float API.
 */
package io.latentwire.codec.onnx;
