package io.latentwire.streams.models;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.model.ModelId;
import io.latentwire.schemas.ModelAnnouncement;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether an announced bundle may be used. In order:
 *
 * <ol>
 *   <li>the announced id is a model id, and equals the record key;
 *   <li>the bundle bytes parse and every file matches its hash ({@link ModelBundle#fromBytes});
 *   <li>the id recomputed from the bytes equals the announced id (so the bytes are that model);
 *   <li>the signature, by policy: a signature by a trusted key must verify (a bad one is refused
 *       whatever the policy, as it shows tampering); with {@code requireSignature}, unsigned
 *       bundles and bundles signed by keys that are not trusted are refused; without it they are
 *       accepted ({@link SignatureStatus#UNSIGNED}, {@link SignatureStatus#UNKNOWN_SIGNER}).
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
public final class AnnouncementVerifier {
  private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");

  private final TrustedKeys trustedKeys;
  private final boolean requireSignature;

  public AnnouncementVerifier(TrustedKeys trustedKeys, boolean requireSignature) {
    this.trustedKeys = Objects.requireNonNull(trustedKeys, "trustedKeys");
    this.requireSignature = requireSignature;
  }

  /** The outcome for one announcement. */
  public sealed interface Verdict permits Accepted, Refused {
    /** The announced full id, or null when the announcement named none that parses. */
    ModelId claimedId();
  }

  /** A usable bundle. */
  public record Accepted(ModelId claimedId, ModelBundle bundle, SignatureStatus signature)
      implements Verdict {}

  /** A refused bundle and why. */
  public record Refused(ModelId claimedId, String reason) implements Verdict {}

  /**
   * Verifies an announcement.
   *
   * @param key the record key (UTF-8 text), or null when the record had none
   */
  public Verdict verify(String key, ModelAnnouncement announcement) {
    String announced = announcement.getModelId();
    ModelId claimed = parseId(announced);
    if (claimed == null) {
      ModelId fromKey = parseId(key);
      return new Refused(
          fromKey, "the announcement's modelId '" + announced + "' is not 64 lowercase hex digits");
    }
    if (key == null || !key.equals(announced)) {
      return new Refused(
          claimed,
          "the record key '"
              + key
              + "' does not equal the announced modelId "
              + announced
              + " (the key must be the full model id)");
    }
    ModelBundle bundle;
    try {
      bundle = ModelBundle.fromBytes(ModelAnnouncements.bytes(announcement.getBundle()));
    } catch (RuntimeException e) {
      return new Refused(claimed, "the bundle is corrupt or was altered: " + e.getMessage());
    }
    if (!bundle.id().equals(claimed)) {
      return new Refused(
          claimed,
          "the bundle bytes hash to model id "
              + bundle.id().hex()
              + ", not the announced "
              + claimed.hex()
              + ": the bundle is not the model it claims to be (altered or corrupt)");
    }
    return checkSignature(claimed, bundle, announcement);
  }

  private Verdict checkSignature(ModelId id, ModelBundle bundle, ModelAnnouncement a) {
    if (a.getSignature() == null) {
      if (requireSignature) {
        return new Refused(
            id,
            "the bundle is unsigned and models.require.signature=true refuses unsigned bundles");
      }
      return new Accepted(id, bundle, SignatureStatus.UNSIGNED);
    }
    String signer = a.getSignerKeyId();
    if (signer == null || signer.isEmpty()) {
      return new Refused(id, "the bundle has a signature but no signerKeyId naming its key");
    }
    Optional<PublicKey> key = trustedKeys.key(signer);
    if (key.isEmpty()) {
      if (requireSignature) {
        return new Refused(
            id,
            "the bundle is signed by key '"
                + signer
                + "', which is not among the trusted keys "
                + trustedKeys.keyIds()
                + " (models.trusted.keys)");
      }
      return new Accepted(id, bundle, SignatureStatus.UNKNOWN_SIGNER);
    }
    byte[] signature = ModelAnnouncements.bytes(a.getSignature());
    if (!Ed25519Keys.verify(key.get(), id.hex(), signature)) {
      return new Refused(
          id,
          "the Ed25519 signature by trusted key '"
              + signer
              + "' does not verify over model id "
              + id.hex()
              + ": the signature or the id was altered");
    }
    return new Accepted(id, bundle, SignatureStatus.TRUSTED);
  }

  /** A model id from text, or null when the text is not one. */
  static ModelId parseId(String text) {
    return text != null && HEX_ID.matcher(text).matches() ? new ModelId(text) : null;
  }
}
