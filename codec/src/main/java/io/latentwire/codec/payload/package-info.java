/**
 * The payload: the versioned byte format of one latent code, and its strict decoder. Everything
 * read from a payload is checked; corrupt input is a typed error, never a crash or a hang.
 */
package io.latentwire.codec.payload;
