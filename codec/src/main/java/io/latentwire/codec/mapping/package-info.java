/**
 * Field mapping: which fields of an Avro record feed the model, how they become a feature vector,
 * and how a reconstructed vector plus the untouched (passthrough) fields rebuild the record in its
 * original writer schema.
 */
package io.latentwire.codec.mapping;
