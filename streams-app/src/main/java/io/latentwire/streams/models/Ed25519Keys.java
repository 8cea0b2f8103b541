package io.latentwire.streams.models;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Ed25519 with the JDK's own provider (Java 15+): key encoding (X.509 public, PKCS#8 private, as
 * DER, Base64 or PEM), signing and verifying a model id. What is signed is the full model id, 64
 * lowercase hex digits, as UTF-8: the id is a hash that covers the whole bundle, so signing it
 * signs the bundle.
 */
public final class Ed25519Keys {
  public static final String ALGORITHM = "Ed25519";

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final String PUBLIC_PEM = "PUBLIC KEY";
  private static final String PRIVATE_PEM = "PRIVATE KEY";

  private Ed25519Keys() {}

  /** A fresh key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no Ed25519 (Java 15+ is required)", e);
    }
  }

  /**
   * Checks a key id: 1..64 of {@code [A-Za-z0-9._-]}.
   *
   * @throws IllegalArgumentException naming {@code what} and the bad value
   */
  public static String requireKeyId(String keyId, String what) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException(
          what + ": a key id is 1..64 characters of [A-Za-z0-9._-], got '" + keyId + "'");
    }
    return keyId;
  }

  /**
   * A public key from Base64 DER (X.509 SubjectPublicKeyInfo) or a PEM {@code PUBLIC KEY} block.
   *
   * @param where names the source in error messages (a config key, a file)
   * @throws IllegalArgumentException when it is not an Ed25519 public key
   */
  public static PublicKey parsePublicKey(String text, String where) {
    byte[] der = der(text, PUBLIC_PEM, where);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException(
          where + ": not an Ed25519 public key (X.509 SubjectPublicKeyInfo): " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no Ed25519 (Java 15+ is required)", e);
    }
  }

  /**
   * A private key from a PEM {@code PRIVATE KEY} block (PKCS#8, as written by {@code openssl
   * genpkey -algorithm ed25519}) or Base64 DER.
   *
   * @throws IllegalArgumentException when it is not an unencrypted PKCS#8 Ed25519 key
   */
  public static PrivateKey parsePrivateKey(String text, String where) {
    if (text.contains("ENCRYPTED PRIVATE KEY")) {
      throw new IllegalArgumentException(
          where + ": encrypted private keys are not supported; give an unencrypted PKCS#8 key");
    }
    byte[] der = der(text, PRIVATE_PEM, where);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException(
          where + ": not an Ed25519 private key (PKCS#8): " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no Ed25519 (Java 15+ is required)", e);
    }
  }

  /** The public key as one line of Base64 DER, the form {@code models.trusted.keys} takes. */
  public static String publicKeyBase64(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** The public key as a PEM {@code PUBLIC KEY} block. */
  public static String publicKeyPem(PublicKey key) {
    return pem(PUBLIC_PEM, key.getEncoded());
  }

  /** The private key as a PEM {@code PRIVATE KEY} block (PKCS#8, unencrypted). */
  public static String privateKeyPem(PrivateKey key) {
    return pem(PRIVATE_PEM, key.getEncoded());
  }

  /** Signs {@code modelIdHex} (UTF-8). */
  public static byte[] sign(PrivateKey key, String modelIdHex) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(modelIdHex.getBytes(StandardCharsets.UTF_8));
      return s.sign();
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * True when {@code signature} is a valid Ed25519 signature of {@code modelIdHex} by {@code key}.
   */
  public static boolean verify(PublicKey key, String modelIdHex, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(modelIdHex.getBytes(StandardCharsets.UTF_8));
      return s.verify(signature);
    } catch (SignatureException | InvalidKeyException e) {
      return false; // a malformed signature or a key of another kind does not verify
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no Ed25519 (Java 15+ is required)", e);
    }
  }

  private static byte[] der(String text, String pemType, String where) {
    String body = text.strip();
    String begin = "-----BEGIN " + pemType + "-----";
    String end = "-----END " + pemType + "-----";
    if (body.startsWith("-----BEGIN")) {
      int b = body.indexOf(begin);
      int e = body.indexOf(end);
      if (b < 0 || e < b) {
        throw new IllegalArgumentException(
            where + ": expected a PEM block '" + begin + "' ... '" + end + "'");
      }
      body = body.substring(b + begin.length(), e);
    }
    try {
      return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": not Base64: " + e.getMessage(), e);
    }
  }

  private static String pem(String type, byte[] der) {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }
}
