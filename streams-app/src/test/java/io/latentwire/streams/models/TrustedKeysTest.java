package io.latentwire.streams.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.model.ModelId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedKeysTest {
  static final KeyPair PAIR = Ed25519Keys.generate();
  static final ModelId ID = new ModelId("ab".repeat(32));

  @Test
  void shouldParseInlineAndFileKeysThatVerifyTheSignersSignatures(@TempDir Path dir)
      throws Exception {
    Path pub = dir.resolve("ops.pub.pem");
    Files.writeString(pub, Ed25519Keys.publicKeyPem(PAIR.getPublic()));
    TrustedKeys keys =
        TrustedKeys.parse(
            List.of(
                "inline:" + Ed25519Keys.publicKeyBase64(PAIR.getPublic()), "fromfile:file:" + pub),
            "models.trusted.keys");
    assertThat(keys.keyIds()).containsExactly("inline", "fromfile");
    Path pem = dir.resolve("ops.pem");
    Files.writeString(pem, Ed25519Keys.privateKeyPem(PAIR.getPrivate()));
    byte[] sig = ModelSigner.load(pem, "inline").sign(ID);
    assertThat(Ed25519Keys.verify(keys.key("inline").orElseThrow(), ID.hex(), sig)).isTrue();
    assertThat(Ed25519Keys.verify(keys.key("fromfile").orElseThrow(), ID.hex(), sig)).isTrue();
    assertThat(Ed25519Keys.verify(keys.key("inline").orElseThrow(), "00".repeat(32), sig))
        .isFalse();
  }

  @Test
  void shouldNameTheSettingAndTheFormWhenAnEntryHasNoKeyId() {
    assertThatThrownBy(() -> TrustedKeys.parse(List.of("MCowBQYDK2VwAyEA"), "models.trusted.keys"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("models.trusted.keys")
        .hasMessageContaining("KEYID:BASE64");
  }

  @Test
  void shouldRefuseAKeyThatIsNotEd25519() {
    assertThatThrownBy(() -> TrustedKeys.parse(List.of("ops:AAAA"), "models.trusted.keys"))
        .hasMessageContaining("entry ops")
        .hasMessageContaining("not an Ed25519 public key");
  }

  @Test
  void shouldNameAMissingKeyFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(
            () -> TrustedKeys.parse(List.of("ops:file:" + missing), "models.trusted.keys"))
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldRefuseTheSameKeyIdTwice() {
    String b64 = Ed25519Keys.publicKeyBase64(PAIR.getPublic());
    assertThatThrownBy(
            () -> TrustedKeys.parse(List.of("ops:" + b64, "ops:" + b64), "models.trusted.keys"))
        .hasMessageContaining("'ops' is given twice");
  }

  @Test
  void shouldRefuseAPrivateKeyFileThatIsNotAPrivateKey(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("pub.pem");
    Files.writeString(pem, Ed25519Keys.publicKeyPem(PAIR.getPublic()));
    assertThatThrownBy(() -> ModelSigner.load(pem, "ops"))
        .isInstanceOf(ModelRegistryException.class)
        .hasMessageContaining(pem.toString());
  }
}
