package io.latentwire.streams.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Ed25519 public keys a decoder trusts to sign model bundles, by key id. Immutable.
 *
 * <p>Configured as a list ({@code models.trusted.keys}) of entries {@code KEYID:BASE64}, where
 * BASE64 is the X.509 SubjectPublicKeyInfo DER of the key (what {@code latentwire model keygen}
 * prints), or {@code KEYID:file:PATH} naming a file that holds a PEM {@code PUBLIC KEY} block or
 * that Base64. Base64 has no ':', so the two forms cannot be confused.
 */
public final class TrustedKeys {
  private static final TrustedKeys NONE = new TrustedKeys(Map.of());
  private static final String FILE_PREFIX = "file:";

  private final Map<String, PublicKey> keys;

  private TrustedKeys(Map<String, PublicKey> keys) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  /** No trusted keys: only unsigned bundles can be accepted. */
  public static TrustedKeys none() {
    return NONE;
  }

  /**
   * Keys given directly.
   *
   * @throws IllegalArgumentException on a bad key id
   */
  public static TrustedKeys of(Map<String, PublicKey> keys) {
    keys.keySet().forEach(id -> Ed25519Keys.requireKeyId(id, "trusted key"));
    return new TrustedKeys(keys);
  }

  /**
   * Parses configuration entries (see the class comment).
   *
   * @param setting the config key, named in error messages
   * @throws IllegalArgumentException naming the setting, the entry and what is allowed
   */
  public static TrustedKeys parse(List<String> entries, String setting) {
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new IllegalArgumentException(
            setting
                + ": entry '"
                + abbreviate(entry)
                + "' must be KEYID:BASE64 (X.509 public key) or KEYID:file:PATH");
      }
      String id = Ed25519Keys.requireKeyId(entry.substring(0, colon), setting);
      String value = entry.substring(colon + 1);
      String where = setting + " entry " + id;
      PublicKey key;
      if (value.startsWith(FILE_PREFIX)) {
        Path file = Path.of(value.substring(FILE_PREFIX.length()));
        key = Ed25519Keys.parsePublicKey(read(file, where), where + " (" + file + ")");
      } else {
        key = Ed25519Keys.parsePublicKey(value, where);
      }
      if (keys.put(id, key) != null) {
        throw new IllegalArgumentException(setting + ": key id '" + id + "' is given twice");
      }
    }
    return keys.isEmpty() ? NONE : new TrustedKeys(keys);
  }

  /** The key with this id, if trusted. */
  public Optional<PublicKey> key(String keyId) {
    return keyId == null ? Optional.empty() : Optional.ofNullable(keys.get(keyId));
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  @Override
  public String toString() {
    return "TrustedKeys" + keys.keySet();
  }

  private static String read(Path file, String where) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(where + ": key file " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          where + ": cannot read key file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
