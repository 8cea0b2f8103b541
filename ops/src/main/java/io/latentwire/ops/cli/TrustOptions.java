package io.latentwire.ops.cli;

import io.latentwire.streams.models.ModelRegistryConfig;
import io.latentwire.streams.models.TrustedKeys;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which model signatures to trust: {@code --trusted-key} and {@code --require-signature}. */
final class TrustOptions {
  @Option(
      names = "--trusted-key",
      paramLabel = "ID:KEY",
      description =
          "A trusted Ed25519 public key: ID:BASE64 (as printed by 'model keygen') or"
              + " ID:file:PATH.pem. Repeatable.")
  List<String> trustedKeys = new ArrayList<>();

  @Option(
      names = "--require-signature",
      description = "Refuse models that are not signed by a trusted key.")
  boolean requireSignature;

  TrustedKeys keys() {
    try {
      return TrustedKeys.parse(trustedKeys, "--trusted-key");
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  ModelRegistryConfig apply(ModelRegistryConfig config) {
    try {
      return config.withTrustedKeys(keys(), requireSignature);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "--require-signature needs at least one --trusted-key, or no model could be used", e);
    }
  }
}
