/**
 * The payload: the versioned byte format of one latent code (and its optional max-abs-error
 * residual), and its strict decoder. Everything read from a payload is checked; corrupt input is a
 * typed error, never a crash, a hang, or an allocation sized by the payload.
 */
package io.latentwire.codec.payload;
