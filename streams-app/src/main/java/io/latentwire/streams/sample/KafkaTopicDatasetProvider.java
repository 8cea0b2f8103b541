package io.latentwire.streams.sample;

import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.TopicDatasetProvider;
import io.latentwire.codec.dataset.TopicQuery;

/** The {@link TopicDatasetProvider} service: opens a {@link KafkaTopicDataset}. Stateless. */
public final class KafkaTopicDatasetProvider implements TopicDatasetProvider {

  /** Public no-argument constructor, for {@link java.util.ServiceLoader}. */
  public KafkaTopicDatasetProvider() {}

  @Override
  public Dataset open(TopicQuery query) {
    return KafkaTopicDataset.open(query);
  }
}
