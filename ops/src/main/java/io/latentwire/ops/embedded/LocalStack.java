package io.latentwire.ops.embedded;

import java.time.Duration;

/**
 * The embedded local stack: one KRaft broker and one schema registry on 127.0.0.1, started together
 * and closed together (registry first, then broker). Shared by the demo, benchmarks and integration
 * tests.
 */
public final class LocalStack implements AutoCloseable {
  private final EmbeddedKafkaBroker broker;
  private final EmbeddedSchemaRegistry registry;

  private LocalStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  /** Starts a broker (fresh temp dir, free ports) and a registry. */
  public static LocalStack start() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
    try {
      return new LocalStack(broker, EmbeddedSchemaRegistry.start());
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  public EmbeddedSchemaRegistry registry() {
    return registry;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String registryUrl() {
    return registry.url();
  }

  public Duration brokerStartupTime() {
    return broker.startupTime();
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      broker.close();
    }
  }
}
