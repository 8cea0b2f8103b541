package io.latentwire.ops.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds ports that are free on 127.0.0.1 right now. */
final class FreePorts {

  private FreePorts() {}

  /**
   * Asks the OS for an ephemeral port on 127.0.0.1 and releases it at once.
   *
   * <p>Someone else may take the port before Kafka binds it; the broker retries its start with new
   * ports when that happens. Kafka's controller listener cannot use port 0 because the quorum
   * configuration written at format time must name the real port.
   */
  static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Listener.HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + Listener.HOST, e);
    }
  }

  /** True when a server socket can bind {@code 127.0.0.1:port} at this moment. */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(Listener.HOST), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
