package io.latentwire.streams.models;

import io.latentwire.codec.model.ModelId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * Signs model ids with an Ed25519 private key, for publishing. Immutable and thread-safe; holds the
 * private key in memory (no native resources).
 */
public final class ModelSigner {
  private final String keyId;
  private final PrivateKey key;

  private ModelSigner(String keyId, PrivateKey key) {
    this.keyId = Ed25519Keys.requireKeyId(keyId, "signing key id");
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * A signer for a key in memory.
   *
   * @param keyId the id decoders know the matching public key by (see {@link TrustedKeys})
   */
  public static ModelSigner of(String keyId, PrivateKey key) {
    return new ModelSigner(keyId, key);
  }

  /**
   * Loads an unencrypted PKCS#8 Ed25519 private key from a PEM file ({@code -----BEGIN PRIVATE
   * KEY-----}), as written by {@code latentwire model keygen} or {@code openssl genpkey -algorithm
   * ed25519}.
   *
   * @throws ModelRegistryException when the file is missing, unreadable or not such a key
   */
  public static ModelSigner load(Path pemFile, String keyId) {
    String text;
    try {
      text = Files.readString(pemFile);
    } catch (NoSuchFileException e) {
      throw new ModelRegistryException("signing key " + pemFile + " does not exist");
    } catch (IOException e) {
      throw new ModelRegistryException(
          "cannot read signing key " + pemFile + ": " + e.getMessage(), e);
    }
    try {
      return new ModelSigner(keyId, Ed25519Keys.parsePrivateKey(text, "signing key " + pemFile));
    } catch (IllegalArgumentException e) {
      throw new ModelRegistryException(e.getMessage(), e);
    }
  }

  public String keyId() {
    return keyId;
  }

  /** The Ed25519 signature of the full model id (64 hex digits, UTF-8). */
  public byte[] sign(ModelId id) {
    return Ed25519Keys.sign(key, id.hex());
  }
}
