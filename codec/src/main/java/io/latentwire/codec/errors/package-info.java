/**
 * The codec's exception hierarchy: one root, {@link io.latentwire.codec.errors.CodecException}, and
 * a subclass per kind of bad input so callers (the streams app's dead-letter handling, the CLI) can
 * react by type rather than by message.
 */
package io.latentwire.codec.errors;
