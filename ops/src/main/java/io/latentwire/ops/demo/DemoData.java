package io.latentwire.ops.demo;

import io.latentwire.codec.dataset.Dataset;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * The data a demo runs on: a training set, and a disjoint set of records to stream.
 *
 * @param name shown in the report
 * @param training opened on demand, read once by the trainer
 * @param streamKeys a key per streamed record
 * @param stream records produced to the input topic
 */
public record DemoData(
    String name, DatasetOpener training, List<String> streamKeys, List<GenericRecord> stream) {

  /** Opens the training set (a fresh pass). */
  @FunctionalInterface
  public interface DatasetOpener {
    Dataset open();
  }
}
