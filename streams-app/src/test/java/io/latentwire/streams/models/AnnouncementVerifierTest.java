package io.latentwire.streams.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.schemas.ModelAnnouncement;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnouncementVerifierTest {
  static final ModelBundle A = Bundles.small(2);
  static final ModelBundle B = Bundles.small(3);
  static final KeyPair OPS = Ed25519Keys.generate();
  static final KeyPair STRANGER = Ed25519Keys.generate();
  static final TrustedKeys TRUSTED = TrustedKeys.of(Map.of("ops", OPS.getPublic()));

  static ModelAnnouncement announce(ModelBundle b, ModelSigner signer) {
    return ModelAnnouncements.create(b, Instant.parse("2026-01-01T00:00:00Z"), "test", signer);
  }

  static AnnouncementVerifier.Verdict verify(
      ModelAnnouncement a, TrustedKeys keys, boolean require) {
    return new AnnouncementVerifier(keys, require).verify(a.getModelId(), a);
  }

  @Test
  void shouldAcceptAnUnsignedBundleWhenSignaturesAreNotRequired() {
    var v = verify(announce(A, null), TrustedKeys.none(), false);
    assertThat(v).isInstanceOf(AnnouncementVerifier.Accepted.class);
    var accepted = (AnnouncementVerifier.Accepted) v;
    assertThat(accepted.bundle().id()).isEqualTo(A.id());
    assertThat(accepted.signature()).isEqualTo(SignatureStatus.UNSIGNED);
  }

  @Test
  void shouldRefuseBytesOfAnotherModelUnderThisModelsId() {
    ModelAnnouncement a = announce(A, null);
    a.setBundle(ByteBuffer.wrap(B.toBytes()));
    assertThat(verify(a, TrustedKeys.none(), false))
        .isInstanceOfSatisfying(
            AnnouncementVerifier.Refused.class,
            r -> {
              assertThat(r.claimedId()).isEqualTo(A.id());
              assertThat(r.reason()).contains("hash to model id " + B.id().hex(), "altered");
            });
  }

  @Test
  void shouldRefuseABundleWhoseDecoderWasAlteredAfterTheManifestWasWritten() {
    ModelAnnouncement a = announce(A, null);
    a.setBundle(ByteBuffer.wrap(Bundles.withAlteredEntry(A, ModelBundle.DECODER)));
    assertThat(verify(a, TrustedKeys.none(), false))
        .isInstanceOfSatisfying(
            AnnouncementVerifier.Refused.class,
            r -> assertThat(r.reason()).contains("decoder.onnx has SHA-256", "altered"));
  }

  @Test
  void shouldRefuseAKeyThatIsNotTheAnnouncedId() {
    ModelAnnouncement a = announce(A, null);
    var v = new AnnouncementVerifier(TrustedKeys.none(), false).verify(B.id().hex(), a);
    assertThat(v)
        .isInstanceOfSatisfying(
            AnnouncementVerifier.Refused.class,
            r -> assertThat(r.reason()).contains("record key", "does not equal"));
  }

  @Test
  void shouldRefuseAnUnsignedBundleWhenSignaturesAreRequiredAndSayWhy() {
    assertThat(verify(announce(A, null), TRUSTED, true))
        .isInstanceOfSatisfying(
            AnnouncementVerifier.Refused.class,
            r -> assertThat(r.reason()).contains("unsigned", "models.require.signature=true"));
  }

  @Test
  void shouldAcceptABundleSignedByATrustedKey() {
    var v = verify(announce(A, ModelSigner.of("ops", OPS.getPrivate())), TRUSTED, true);
    assertThat(v)
        .isInstanceOfSatisfying(
            AnnouncementVerifier.Accepted.class,
            a -> assertThat(a.signature()).isEqualTo(SignatureStatus.TRUSTED));
  }

  @Test
  void shouldRefuseABundleSignedByAKeyThatIsNotTrustedWhenSignaturesAreRequired() {
    var v = verify(announce(A, ModelSigner.of("mallory", STRANGER.getPrivate())), TRUSTED, true);
    assertThat(v)
        .isInstanceOfSatisfying(
            AnnouncementVerifier.Refused.class,
            r -> assertThat(r.reason()).contains("'mallory'", "not among the trusted keys [ops]"));
  }

  @Test
  void shouldTreatAnUnknownSignerAsUnsignedWhenSignaturesAreOptional() {
    var v = verify(announce(A, ModelSigner.of("mallory", STRANGER.getPrivate())), TRUSTED, false);
    assertThat(v)
        .isInstanceOfSatisfying(
            AnnouncementVerifier.Accepted.class,
            a -> assertThat(a.signature()).isEqualTo(SignatureStatus.UNKNOWN_SIGNER));
  }

  @Test
  void shouldRefuseAForgedSignatureUnderATrustedKeyIdEvenWhenSignaturesAreOptional() {
    // Signed by a stranger but claiming the trusted key id: tampering, never acceptable.
    var v = verify(announce(A, ModelSigner.of("ops", STRANGER.getPrivate())), TRUSTED, false);
    assertThat(v)
        .isInstanceOfSatisfying(
            AnnouncementVerifier.Refused.class,
            r -> assertThat(r.reason()).contains("does not verify"));
  }

  @Test
  void shouldRefuseASignatureOfAnotherModelsId() {
    ModelAnnouncement a = announce(A, ModelSigner.of("ops", OPS.getPrivate()));
    a.setSignature(ByteBuffer.wrap(ModelSigner.of("ops", OPS.getPrivate()).sign(B.id())));
    assertThat(verify(a, TRUSTED, true)).isInstanceOf(AnnouncementVerifier.Refused.class);
  }
}
