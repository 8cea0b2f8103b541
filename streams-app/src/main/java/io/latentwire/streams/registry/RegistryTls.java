package io.latentwire.streams.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS settings of an {@link HttpSchemaRegistryClient}, under Confluent's key names ({@code
 * schema.registry.ssl.truststore.location} and so on): a trust store to verify the registry's
 * certificate against and, for mutual TLS, a key store holding the client's certificate.
 *
 * <p>Without a trust store the JDK's default trust anchors are used, which is what a registry with
 * a publicly signed certificate needs. The registry's host name is always verified against its
 * certificate.
 *
 * @param truststore the trust store, or null for the JDK default trust anchors
 * @param truststorePassword its password, or null when the store has none
 * @param truststoreType {@code JKS} or {@code PKCS12} (any type the JDK knows)
 * @param keystore the client key store for mutual TLS, or null for none
 * @param keystorePassword its password, or null
 * @param keystoreType {@code JKS} or {@code PKCS12}
 * @param keyPassword the private key's password, or null to use {@code keystorePassword}
 */
public record RegistryTls(
    Path truststore,
    String truststorePassword,
    String truststoreType,
    Path keystore,
    String keystorePassword,
    String keystoreType,
    String keyPassword) {

  public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";

  /** Type of a store when none is given: Kafka's and Confluent's default. */
  public static final String DEFAULT_STORE_TYPE = "JKS";

  /**
   * @throws IllegalArgumentException when neither store is set (then there is nothing to configure:
   *     use no {@code RegistryTls} at all), or a type is blank
   */
  public RegistryTls {
    if (truststore == null && keystore == null) {
      throw new IllegalArgumentException(
          TRUSTSTORE_LOCATION + " or " + KEYSTORE_LOCATION + ": at least one must be set");
    }
    truststoreType = typeOrDefault(truststoreType);
    keystoreType = typeOrDefault(keystoreType);
  }

  /** A trust store only (server authentication). */
  public static RegistryTls trusting(Path truststore, String password, String type) {
    return new RegistryTls(
        Objects.requireNonNull(truststore, "truststore"), password, type, null, null, null, null);
  }

  /**
   * Loads the stores and builds the TLS context.
   *
   * @throws IllegalArgumentException when a store is missing, unreadable, of another type or its
   *     password is wrong; the message names the setting and the file
   */
  public SSLContext sslContext() {
    try {
      TrustManager[] trust = null;
      if (truststore != null) {
        KeyStore ts =
            load(truststore, truststorePassword, truststoreType, "schema.registry.ssl.truststore");
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        trust = tmf.getTrustManagers();
      }
      KeyManager[] keys = null;
      if (keystore != null) {
        KeyStore ks =
            load(keystore, keystorePassword, keystoreType, "schema.registry.ssl.keystore");
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        String pw = keyPassword != null ? keyPassword : keystorePassword;
        try {
          kmf.init(ks, pw == null ? new char[0] : pw.toCharArray());
        } catch (GeneralSecurityException e) {
          throw failure(
              "schema.registry.ssl.key.password: cannot read the private key in "
                  + keystore
                  + " ("
                  + e.getMessage()
                  + ")",
              e);
        }
        keys = kmf.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw failure("cannot set up TLS for the Schema Registry: " + e.getMessage(), e);
    }
  }

  /** Hides the passwords. */
  @Override
  public String toString() {
    return "RegistryTls[truststore="
        + truststore
        + " ("
        + truststoreType
        + "), keystore="
        + keystore
        + " ("
        + keystoreType
        + ")]";
  }

  private static KeyStore load(Path file, String password, String type, String prefix) {
    KeyStore store;
    try {
      store = KeyStore.getInstance(type);
    } catch (GeneralSecurityException e) {
      throw failure(prefix + ".type: '" + type + "' is not a key store type (JKS, PKCS12 are)", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password == null ? null : password.toCharArray());
      return store;
    } catch (NoSuchFileException e) {
      throw failure(prefix + ".location: " + file + " does not exist", e);
    } catch (IOException | GeneralSecurityException e) {
      // A wrong password surfaces as an IOException whose cause is an UnrecoverableKeyException.
      throw failure(
          prefix
              + ": cannot load "
              + file
              + " as "
              + type
              + " (wrong "
              + prefix
              + ".password or .type?): "
              + e.getMessage(),
          e);
    }
  }

  private static IllegalArgumentException failure(String message, Throwable cause) {
    return new IllegalArgumentException(message, cause);
  }

  private static String typeOrDefault(String type) {
    return type == null || type.isBlank() ? DEFAULT_STORE_TYPE : type.trim();
  }
}
