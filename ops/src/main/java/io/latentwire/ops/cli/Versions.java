package io.latentwire.ops.cli;

import picocli.CommandLine.IVersionProvider;

/** Prints the build version and the pinned component versions. */
final class Versions implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = LatentwireCli.class.getPackage().getImplementationVersion();
    return new String[] {
      "latentwire " + (v == null ? "(development build)" : v),
      "Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion(),
      "Java " + System.getProperty("java.version")
    };
  }
}
