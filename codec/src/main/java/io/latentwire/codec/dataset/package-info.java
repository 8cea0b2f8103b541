/**
 * Input data sets as streams of Avro records, so the rest of the pipeline (field mapping, offline
 * encode and decode, Kafka) treats files and topics alike.
 *
 * <p>{@link io.latentwire.codec.dataset.Datasets#open} opens a file as a {@link
 * io.latentwire.codec.dataset.Dataset}: one record schema and a single-pass, streaming iterator of
 * {@link org.apache.avro.generic.GenericRecord}s. Formats ({@link
 * io.latentwire.codec.dataset.DataFormat}):
 *
 * <ul>
 *   <li>CSV: header row required; column types inferred from the data ({@code long}, {@code
 *       double}, {@code string}); schema described in {@link
 *       io.latentwire.codec.dataset.CsvSchemas}. {@link io.latentwire.codec.dataset.CsvWriter}
 *       writes records back with the original column names.
 *   <li>IDX (MNIST, Fashion-MNIST): images as {@code ImageRecord}s, labels from the paired file.
 *       {@link io.latentwire.codec.dataset.FashionMnist} finds the Debian package's copy.
 *   <li>Avro object container files: the schema stored in the file.
 * </ul>
 *
 * <p>{@link io.latentwire.codec.dataset.Datasets#openTopic} samples a live Kafka topic described by
 * a {@link io.latentwire.codec.dataset.TopicQuery}, through the {@link
 * io.latentwire.codec.dataset.TopicDatasetProvider} service that the streams app registers (the
 * codec itself has no Kafka dependency).
 *
 * <p>Bad content raises {@link io.latentwire.codec.dataset.DataFormatException}, whose message says
 * where (file, row, line, column, byte offset), what the value is and what is allowed.
 */
package io.latentwire.codec.dataset;
