/** Whole Avro records to LatentRecords and back: the unit both the streams app and the CLI use. */
package io.latentwire.codec.record;
