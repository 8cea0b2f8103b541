package io.latentwire.ops.embedded;

import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * One listener of the embedded broker, always on 127.0.0.1.
 *
 * @param name the Kafka listener name, upper case (e.g. {@code PLAINTEXT}, {@code SASL_LOCAL})
 * @param protocol the security protocol spoken on it; never null
 * @param port the bound port, 1..65535
 */
record Listener(String name, SecurityProtocol protocol, int port) {

  static final String HOST = "127.0.0.1";

  /** {@code NAME://127.0.0.1:port}, the form {@code listeners} expects. */
  String uri() {
    return name + "://" + HOST + ":" + port;
  }

  /** {@code 127.0.0.1:port}, the form {@code bootstrap.servers} expects. */
  String hostPort() {
    return HOST + ":" + port;
  }
}
