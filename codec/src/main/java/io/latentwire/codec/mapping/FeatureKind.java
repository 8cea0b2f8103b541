package io.latentwire.codec.mapping;

/** What one model input feature is, which decides its normalization and how it is restored. */
public enum FeatureKind {
  /** Real-valued (Avro float or double). */
  REAL,
  /** Integer-valued (Avro int or long): rounded when restored. */
  INTEGER,
  /** One byte of a bytes/fixed field, 0..255: rounded and clamped when restored. */
  UINT8
}
