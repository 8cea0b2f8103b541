package io.latentwire.ops.cli;

import io.latentwire.streams.models.Ed25519Keys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latentwire model keygen --key-id ID --out DIR}: an Ed25519 key pair for signing models.
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Make an Ed25519 key pair for signing models: DIR/ID.pem (private, PKCS#8, mode 600) and"
          + " DIR/ID.pub.pem.",
      "Prints the models.trusted.keys entry decoders need."
    })
public final class ModelKeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--key-id", required = true, paramLabel = "ID", description = "The key's id.")
  String keyId;

  @Option(
      names = "--out",
      defaultValue = ".",
      paramLabel = "DIR",
      description = "Directory for the key files (default: current).")
  Path dir;

  @Override
  public Integer call() throws IOException {
    try {
      Ed25519Keys.requireKeyId(keyId, "--key-id");
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
    KeyPair pair = Ed25519Keys.generate();
    Files.createDirectories(dir);
    Path priv = dir.resolve(keyId + ".pem");
    Path pub = dir.resolve(keyId + ".pub.pem");
    for (Path p : new Path[] {priv, pub}) {
      if (Files.exists(p)) {
        throw new CliException(p + " already exists; not overwriting a key");
      }
    }
    try {
      Files.createFile(
          priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(priv); // not a POSIX file system
    } catch (FileAlreadyExistsException e) {
      throw new CliException(priv + " already exists; not overwriting a key");
    }
    Files.writeString(
        priv, Ed25519Keys.privateKeyPem(pair.getPrivate()), StandardOpenOption.TRUNCATE_EXISTING);
    Files.writeString(pub, Ed25519Keys.publicKeyPem(pair.getPublic()));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "private key: " + priv + "  (keep it secret; publish with --sign-key " + priv + ")");
    out.println("public key:  " + pub);
    out.println("decoders trust it with:");
    out.println(
        "  models.trusted.keys=" + keyId + ":" + Ed25519Keys.publicKeyBase64(pair.getPublic()));
    out.flush();
    return 0;
  }
}
