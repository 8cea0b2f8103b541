package io.latentwire.streams.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.errors.LatentwireStreamsException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint of one app:
 *
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the app is not in a fatal state, else 503;
 *   <li>{@code GET /health/ready}: 200 only while it processes records (Kafka Streams RUNNING),
 *       else 503;
 *   <li>{@code GET /health}: both; 200 when live and ready, else 503;
 *   <li>{@code GET /metrics}: the Prometheus text format 0.0.4.
 * </ul>
 *
 * The health endpoints all answer the same JSON body, e.g. {@code
 * {"status":"DOWN","live":true,"ready":false,"state":"REBALANCING"}}, plus {@code failure} once an
 * error stopped the app; only the status code differs.
 *
 * <p>Owns a listening socket and two daemon threads: close it.
 */
public final class OpsHttpServer implements AutoCloseable {
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  public static final String JSON_CONTENT_TYPE = "application/json";

  private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final HealthProbe health;
  private final Supplier<String> metrics;
  private final ObjectMapper json = new ObjectMapper();

  private OpsHttpServer(
      HttpServer server, ExecutorService executor, HealthProbe health, Supplier<String> metrics) {
    this.server = server;
    this.executor = executor;
    this.health = health;
    this.metrics = metrics;
  }

  /**
   * Binds {@code host:port} and starts serving.
   *
   * @param port 0 picks a free port (see {@link #address()})
   * @param health asked on every health request
   * @param metrics the Prometheus text exposition, asked on every scrape, e.g. {@code
   *     prometheusRegistry::scrape}
   * @throws LatentwireStreamsException naming {@code http.host}/{@code http.port} when the address
   *     cannot be bound
   */
  public static OpsHttpServer start(
      String host, int port, HealthProbe health, Supplier<String> metrics) {
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(metrics, "metrics");
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 16);
    } catch (IOException | RuntimeException e) {
      throw new LatentwireStreamsException(
          "cannot start the health/metrics HTTP server on "
              + host
              + ":"
              + port
              + " ("
              + LatentwireConfig.HTTP_HOST_CONFIG
              + " / "
              + LatentwireConfig.HTTP_PORT_CONFIG
              + "; "
              + LatentwireConfig.HTTP_PORT_CONFIG
              + "=0 disables it): "
              + e,
          e);
    }
    int bound = server.getAddress().getPort();
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "latentwire-http-" + bound + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    OpsHttpServer ops = new OpsHttpServer(server, executor, health, metrics);
    server.createContext("/", ops::handle);
    server.setExecutor(executor);
    server.start();
    LOG.info("health and metrics on http://{}:{}/ (/health, /metrics)", host, bound);
    return ops;
  }

  /** The bound address (the real port when started with port 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** {@code http://host:port}, for clients and logs. */
  public URI uri() {
    InetSocketAddress a = address();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "use GET\n");
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/health/live" -> health(exchange, HealthStatus::live);
        case "/health/ready" -> health(exchange, HealthStatus::ready);
        case "/health" -> health(exchange, s -> s.live() && s.ready());
        case "/metrics" -> metrics(exchange);
        default ->
            send(
                exchange,
                404,
                "text/plain; charset=utf-8",
                "not found; try /health, /health/live, /health/ready or /metrics\n");
      }
    } catch (RuntimeException e) {
      // A probe must get an answer, not a reset connection: report the failure as a 500.
      LOG.warn("HTTP {} failed", exchange.getRequestURI(), e);
      send(exchange, 500, "text/plain; charset=utf-8", "internal error: " + e + "\n");
    } finally {
      // Not try-with-resources: that would close the exchange before the 500 above is sent.
      exchange.close();
    }
  }

  private void health(HttpExchange exchange, java.util.function.Predicate<HealthStatus> up)
      throws IOException {
    HealthStatus s = health.check();
    boolean ok = up.test(s);
    ObjectNode body = json.createObjectNode();
    body.put("status", s.live() && s.ready() ? "UP" : "DOWN");
    body.put("live", s.live());
    body.put("ready", s.ready());
    body.put("state", s.state());
    if (s.failure() != null) {
      body.put("failure", s.failure());
    }
    send(exchange, ok ? 200 : 503, JSON_CONTENT_TYPE, json.writeValueAsString(body) + "\n");
  }

  private void metrics(HttpExchange exchange) throws IOException {
    send(exchange, 200, PROMETHEUS_CONTENT_TYPE, metrics.get());
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops listening at once and ends the server's threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
