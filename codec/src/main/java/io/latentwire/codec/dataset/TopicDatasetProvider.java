package io.latentwire.codec.dataset;

/**
 * Service provider interface: opens a {@link Dataset} over a live Kafka topic. The codec has no
 * Kafka dependency, so the implementation lives where the Kafka client and the schema registry
 * client do (the streams-app module), and is found with {@link java.util.ServiceLoader} through
 * {@link Datasets#openTopic(TopicQuery)}: the trainer's {@code --from-topic} works whenever the
 * launcher's class path holds the streams app, with no compile-time dependency of the trainer on
 * Kafka.
 */
public interface TopicDatasetProvider {

  /**
   * Opens the records {@code query} selects.
   *
   * @return an open data set; the caller owns it and must close it (it holds a Kafka consumer)
   * @throws DatasetException with a one-line message when the topic is unknown or empty, the broker
   *     or registry cannot be reached within the query's timeout, or the records have several
   *     writer schemas and none was picked
   */
  Dataset open(TopicQuery query);
}
