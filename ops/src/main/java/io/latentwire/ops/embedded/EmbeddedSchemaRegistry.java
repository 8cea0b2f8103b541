package io.latentwire.ops.embedded;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A Schema Registry server in memory, speaking the subset of Confluent Schema Registry's REST API
 * that serializers and registry clients use, bound to 127.0.0.1.
 *
 * <p>Endpoints: {@code POST /subjects/{s}/versions}, {@code GET /schemas/ids/{id}} (and {@code
 * /versions}, {@code /subjects}, {@code /schema} below it), {@code GET /schemas/types}, {@code GET
 * /subjects}, {@code GET /subjects/{s}/versions}, {@code GET /subjects/{s}/versions/{v|latest}}
 * (and {@code /schema} below it), {@code POST /subjects/{s}} (lookup), {@code DELETE
 * /subjects/{s}}, {@code GET|PUT /config}, {@code GET|PUT|DELETE /config/{s}}, {@code POST
 * /compatibility/subjects/{s}/versions/{v|latest}} (with {@code ?verbose=true}). Bodies and errors
 * have Confluent's JSON shapes, e.g. {@code {"error_code": 40401, "message": "Subject 'x' not
 * found."}}; requests may be {@code application/vnd.schemaregistry.v1+json} or {@code
 * application/json}.
 *
 * <p>Semantics are those of {@link InMemorySchemaRegistryClient}, the store behind it:
 * registry-wide ids from 1, the same schema (equal {@code Schema.toString()} after parsing, see
 * there) gets the same id under any subject, compatibility is checked with Avro's rules at the
 * subject's or the global level (default BACKWARD), and an incompatible schema is refused with HTTP
 * 409, {@code error_code} 409. Only Avro is supported, without schema references; {@code normalize}
 * is accepted and ignored (identity is already normalized); deleting a subject is immediate and
 * permanent.
 *
 * <p>Owns a listening socket and a small thread pool: {@link #close()} releases both.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final RegistryHttpHandler handler;
  private final InMemorySchemaRegistryClient store;
  private final String url;

  private EmbeddedSchemaRegistry(Builder builder) {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, each response
    // waits for the client's delayed ACK (~40 ms). The property is read once, when the first
    // server of the JVM starts, and only if nobody chose a value.
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    this.store = builder.store != null ? builder.store : new InMemorySchemaRegistryClient();
    this.handler = new RegistryHttpHandler(store, builder.basicAuthUserInfo);
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port);
    try {
      if (builder.tls == null) {
        this.server = HttpServer.create(address, 0);
      } else {
        HttpsServer https = HttpsServer.create(address, 0);
        boolean needClientAuth = builder.requireClientCertificate;
        https.setHttpsConfigurator(
            new HttpsConfigurator(builder.tls) {
              @Override
              public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(p);
              }
            });
        this.server = https;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot bind the embedded Schema Registry to 127.0.0.1:" + builder.port + ": " + e, e);
    }
    this.executor = Executors.newFixedThreadPool(builder.threads, daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
    this.url =
        (builder.tls == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Starts a registry on a free port, without authentication. */
  public static EmbeddedSchemaRegistry start() {
    return builder().start();
  }

  /** Settings for a registry to start. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The base URL, {@code http://127.0.0.1:<port>} ({@code https://} when started with {@link
   * Builder#tls}), without a trailing slash.
   */
  public String url() {
    return url;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The store behind the server, for tests and the demo to inspect or seed directly. */
  public InMemorySchemaRegistryClient store() {
    return store;
  }

  /** The number of HTTP requests received so far. */
  public long requestCount() {
    return handler.requestCount();
  }

  /**
   * The number of HTTP requests received so far for one method and raw path (no query string), e.g.
   * {@code requestCount("GET", "/schemas/ids/1")}.
   */
  public long requestCount(String method, String rawPath) {
    return handler.requestCount(method, rawPath);
  }

  /** Stops listening and ends the server's threads. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "EmbeddedSchemaRegistry[" + url + "]";
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "schema-registry-http-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Settings of an {@link EmbeddedSchemaRegistry}; {@link #start()} binds and starts it. */
  public static final class Builder {
    private int port;
    private int threads = 4;
    private String basicAuthUserInfo;
    private InMemorySchemaRegistryClient store;
    private SSLContext tls;
    private boolean requireClientCertificate;

    private Builder() {}

    /**
     * Serves HTTPS instead of HTTP, with the server certificate of {@code context} (whose key
     * manager holds it); clients must trust it and reach the server as {@code 127.0.0.1}.
     *
     * @param context the server's TLS context; not owned (it holds no resource to close)
     * @param requireClientCertificate true for mutual TLS: refuse clients without a certificate
     *     that {@code context}'s trust manager accepts
     */
    public Builder tls(SSLContext context, boolean requireClientCertificate) {
      this.tls = Objects.requireNonNull(context, "context");
      this.requireClientCertificate = requireClientCertificate;
      return this;
    }

    /**
     * The port to bind on 127.0.0.1; 0 (the default) picks a free one.
     *
     * @throws IllegalArgumentException outside [0, 65535]
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: must be in [0, 65535], got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Requires HTTP basic authentication with these credentials on every request.
     *
     * @throws IllegalArgumentException when user is empty or either contains ':' in the user
     */
    public Builder basicAuth(String user, String password) {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.isEmpty() || user.contains(":")) {
        throw new IllegalArgumentException("basicAuth user: must be non-empty and without ':'");
      }
      this.basicAuthUserInfo = user + ":" + password;
      return this;
    }

    /**
     * Worker threads serving requests, 1 or more (default 4).
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads: must be 1 or more, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Serves an existing store instead of a new empty one. */
    public Builder store(InMemorySchemaRegistryClient store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public EmbeddedSchemaRegistry start() {
      return new EmbeddedSchemaRegistry(this);
    }
  }
}
