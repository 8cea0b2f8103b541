package io.latentwire.ops.cli;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.streams.models.ModelAnnouncements;
import io.latentwire.streams.models.ModelPublisher;
import io.latentwire.streams.models.ModelSigner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latentwire model publish MODEL.lwm --bootstrap ...}: announce a model to the decoders. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publish a model bundle to the compacted models topic, where every decoder picks it up"
          + " without a restart.",
      "Creates the topic when missing (cleanup.policy=compact, max.message.bytes sized to the"
          + " bundle)."
    })
public final class ModelPublishCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.lwm", description = "The bundle to publish.")
  Path model;

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--models-topic",
      defaultValue = ModelAnnouncements.DEFAULT_TOPIC,
      description = "The models topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--sign-key",
      paramLabel = "KEY.pem",
      description = "Sign with this Ed25519 private key (PKCS#8 PEM, see 'model keygen').")
  Path signKey;

  @Option(
      names = "--key-id",
      paramLabel = "ID",
      description =
          "The id decoders know the key by (models.trusted.keys). Default: the key file's name up"
              + " to its first dot.")
  String keyId;

  @Option(
      names = "--description",
      defaultValue = "",
      description = "Free text shown by 'model list'.")
  String description;

  @Option(
      names = "--timeout",
      defaultValue = "PT30S",
      description = "Bound of each broker operation, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    if (keyId != null && signKey == null) {
      throw new CliException("--key-id needs --sign-key KEY.pem");
    }
    ModelBundle bundle = ModelBundle.read(model);
    ModelSigner signer = null;
    if (signKey != null) {
      String id = keyId != null ? keyId : defaultKeyId(signKey);
      signer = ModelSigner.load(signKey, id);
    }
    ModelPublisher publisher =
        new ModelPublisher(kafka.clientConfig("model publish"), topic, timeout);
    ModelPublisher.Publication p = publisher.publish(bundle, description, signer);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "published model %s (%s) to %s partition %d offset %d: %s, %s%n",
        p.modelId().shortHex(),
        p.modelId().hex(),
        p.topic(),
        p.partition(),
        p.offset(),
        ModelListCommand.size(p.valueBytes()),
        signer == null ? "unsigned" : "signed by key '" + signer.keyId() + "'");
    if (p.topicCreated()) {
      out.printf("created topic %s (cleanup.policy=compact)%n", p.topic());
    }
    out.flush();
    return 0;
  }

  static String defaultKeyId(Path key) {
    String name = key.getFileName().toString();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
