package io.latentwire.streams.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Validated settings of an {@link HttpSchemaRegistryClient}.
 *
 * <p>Build with {@link #of(String)} and the {@code with...} methods. Credentials given as user info
 * in a URL ({@code http://user:secret@host:8081}) are moved out of the URL, so they never appear in
 * error messages; {@link #withBasicAuth(String)} sets them explicitly (Confluent's {@code
 * basic.auth.user.info}).
 *
 * @param baseUrls registry URLs without credentials or trailing slash, tried in order; not empty
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null for none
 * @param connectTimeout how long to wait for a TCP connection before trying the next URL
 * @param requestTimeout how long to wait for a response once connected
 * @param cacheCapacity entries kept in each client cache (schema by id, id by subject and schema)
 * @param tls trust and key stores for {@code https://} URLs, or null for the JDK defaults
 */
public record HttpRegistryConfig(
    List<URI> baseUrls,
    String basicAuthUserInfo,
    Duration connectTimeout,
    Duration requestTimeout,
    int cacheCapacity,
    RegistryTls tls) {

  /** Default {@link #connectTimeout}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default {@link #requestTimeout}. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

  /** Default {@link #cacheCapacity}. */
  public static final int DEFAULT_CACHE_CAPACITY = 1000;

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the setting, the bad value and what is allowed
   */
  public HttpRegistryConfig {
    Objects.requireNonNull(baseUrls, "baseUrls");
    if (baseUrls.isEmpty()) {
      throw new IllegalArgumentException("schema.registry.url: at least one URL is required");
    }
    baseUrls = List.copyOf(baseUrls);
    for (URI url : baseUrls) {
      if (url.getUserInfo() != null) {
        throw new IllegalArgumentException(
            "schema.registry.url: base URLs must not hold credentials here; use of(...) or"
                + " withBasicAuth(...)");
      }
    }
    if (basicAuthUserInfo != null && !basicAuthUserInfo.contains(":")) {
      throw new IllegalArgumentException(
          "basic.auth.user.info: expected 'user:password', got a value without ':'");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    if (cacheCapacity < 1) {
      throw new IllegalArgumentException("cacheCapacity: must be 1 or more, got " + cacheCapacity);
    }
  }

  /**
   * Settings for one or more comma-separated registry URLs, with default timeouts and cache size.
   *
   * @param commaSeparatedUrls e.g. {@code http://a:8081,http://b:8081}; user info in a URL becomes
   *     the basic-auth credentials
   * @throws IllegalArgumentException when a URL is not an absolute http(s) URL, or URLs carry
   *     different credentials
   */
  public static HttpRegistryConfig of(String commaSeparatedUrls) {
    Objects.requireNonNull(commaSeparatedUrls, "commaSeparatedUrls");
    List<URI> urls = new ArrayList<>();
    String userInfo = null;
    for (String part : commaSeparatedUrls.split(",")) {
      String text = part.trim();
      if (text.isEmpty()) {
        continue;
      }
      URI url = parseUrl(text);
      if (url.getRawUserInfo() != null) {
        if (userInfo != null && !userInfo.equals(url.getUserInfo())) {
          throw new IllegalArgumentException(
              "schema.registry.url: the URLs carry different credentials; give one set with"
                  + " basic.auth.user.info");
        }
        userInfo = url.getUserInfo();
      }
      urls.add(withoutUserInfo(url));
    }
    return new HttpRegistryConfig(
        urls,
        userInfo,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_CACHE_CAPACITY,
        null);
  }

  /** A copy with basic-auth credentials {@code user:password}, or none when null. */
  public HttpRegistryConfig withBasicAuth(String userInfo) {
    return new HttpRegistryConfig(
        baseUrls, userInfo, connectTimeout, requestTimeout, cacheCapacity, tls);
  }

  /** A copy with these TLS settings, or the JDK defaults when null. */
  public HttpRegistryConfig withTls(RegistryTls tls) {
    return new HttpRegistryConfig(
        baseUrls, basicAuthUserInfo, connectTimeout, requestTimeout, cacheCapacity, tls);
  }

  /** A copy with another connect timeout. */
  public HttpRegistryConfig withConnectTimeout(Duration timeout) {
    return new HttpRegistryConfig(
        baseUrls, basicAuthUserInfo, timeout, requestTimeout, cacheCapacity, tls);
  }

  /** A copy with another request timeout. */
  public HttpRegistryConfig withRequestTimeout(Duration timeout) {
    return new HttpRegistryConfig(
        baseUrls, basicAuthUserInfo, connectTimeout, timeout, cacheCapacity, tls);
  }

  /** A copy with another cache capacity. */
  public HttpRegistryConfig withCacheCapacity(int capacity) {
    return new HttpRegistryConfig(
        baseUrls, basicAuthUserInfo, connectTimeout, requestTimeout, capacity, tls);
  }

  /** The credentials, when set. */
  public Optional<String> basicAuth() {
    return Optional.ofNullable(basicAuthUserInfo);
  }

  /** Hides the password. */
  @Override
  public String toString() {
    return "HttpRegistryConfig[baseUrls="
        + baseUrls
        + ", basicAuth="
        + (basicAuthUserInfo == null ? "none" : "set")
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", cacheCapacity="
        + cacheCapacity
        + ", tls="
        + (tls == null ? "default" : tls)
        + "]";
  }

  private static URI parseUrl(String text) {
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "schema.registry.url: '" + redact(text) + "' is not a valid URL: " + e.getReason(), e);
    }
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "schema.registry.url: '"
              + redact(text)
              + "' is not an absolute http:// or https:// URL with a host");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "schema.registry.url: '" + redact(text) + "' must not have a query or fragment");
    }
    return url;
  }

  private static URI withoutUserInfo(URI url) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String port = url.getPort() == -1 ? "" : ":" + url.getPort();
    return URI.create(url.getScheme().toLowerCase() + "://" + url.getHost() + port + path);
  }

  private static String redact(String text) {
    return text.replaceAll("//[^/@]*@", "//***@");
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + ": must be a positive duration, got " + duration);
    }
  }
}
