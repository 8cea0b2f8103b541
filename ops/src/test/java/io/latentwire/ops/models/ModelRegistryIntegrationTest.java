package io.latentwire.ops.models;

import static io.latentwire.ops.models.ModelFixtures.A;
import static io.latentwire.ops.models.ModelFixtures.B;
import static io.latentwire.ops.models.ModelFixtures.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.ops.embedded.LocalStack;
import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicSpec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.schemas.ModelAnnouncement;
import io.latentwire.streams.models.Ed25519Keys;
import io.latentwire.streams.models.ModelAnnouncements;
import io.latentwire.streams.models.ModelPublisher;
import io.latentwire.streams.models.ModelRegistry;
import io.latentwire.streams.models.ModelRegistryConfig;
import io.latentwire.streams.models.ModelRegistryException;
import io.latentwire.streams.models.ModelSigner;
import io.latentwire.streams.models.RegisteredModel;
import io.latentwire.streams.models.Resolution;
import io.latentwire.streams.models.SignatureStatus;
import io.latentwire.streams.models.TrustedKeys;
import io.latentwire.streams.models.UnknownModelPolicy;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The model registry on a real broker: publishing, following the compacted topic without restarts,
 * verification (hash, signatures), the unknown-model policies and the codec cache.
 */
class ModelRegistryIntegrationTest {
  static LocalStack stack;
  static Map<String, Object> client;
  static final KeyPair OPS = Ed25519Keys.generate();
  static final KeyPair STRANGER = Ed25519Keys.generate();
  static final TrustedKeys TRUSTED = TrustedKeys.of(Map.of("ops", OPS.getPublic()));

  @BeforeAll
  static void startBroker() {
    stack = LocalStack.start();
    client = Map.of("bootstrap.servers", stack.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    if (stack != null) {
      stack.close();
    }
  }

  static String topic(TestInfo info) {
    return "models." + info.getTestMethod().orElseThrow().getName();
  }

  static ModelPublisher publisher(String topic) {
    return new ModelPublisher(client, topic, Duration.ofSeconds(30));
  }

  static byte[] shortId(ModelBundle b) {
    return b.id().shortBytes();
  }

  static LatentRecord encoded(ModelBundle b, GenericRecord r) {
    return ModelFixtures.encode(b, List.of(r), 1).get(0);
  }

  @Test
  void shouldDecodeRecordsOfAnOldAndANewlyPublishedModelWithoutRestarting(TestInfo info) {
    String topic = topic(info);
    publisher(topic).publish(A, "first model", null);
    GenericRecord source = ModelFixtures.reading("pump-1", 1.25f, -2.5f, 3.75f);
    LatentRecord old = encoded(A, source);
    try (ModelRegistry registry =
        ModelRegistry.start(ModelRegistryConfig.defaults(topic), client)) {
      assertThat(registry.models())
          .extracting(RegisteredModel::shortId)
          .containsExactly(A.id().shortHex());
      // Rollout: B is published while the decoder runs; records name it right away.
      publisher(topic).publish(B, "second model", null);
      LatentRecord fresh = encoded(B, source);
      try (Resolution rb = registry.resolve(fresh.getModelId().bytes())) {
        assertThat(rb.status()).isEqualTo(Resolution.Status.READY);
        GenericRecord decoded = rb.codec().decode(fresh, ModelFixtures.SOURCE);
        assertThat(decoded.get("name").toString()).isEqualTo("pump-1");
        assertThat((float) decoded.get("c"))
            .isCloseTo(3.75f, org.assertj.core.data.Offset.offset(0.01f));
      }
      try (Resolution ra = registry.resolve(old.getModelId().bytes())) {
        assertThat(ra.status()).isEqualTo(Resolution.Status.READY);
        assertThat(ra.modelId()).isEqualTo(A.id());
        GenericRecord decoded = ra.codec().decode(old, ModelFixtures.SOURCE);
        assertThat((float) decoded.get("a"))
            .isCloseTo(1.25f, org.assertj.core.data.Offset.offset(0.01f));
        assertThat((float) decoded.get("c")).isZero(); // model A keeps a and b only
      }
      assertThat(registry.models())
          .extracting(RegisteredModel::modelId, RegisteredModel::status, RegisteredModel::signature)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(
                  A.id(), Resolution.Status.READY, SignatureStatus.UNSIGNED),
              org.assertj.core.groups.Tuple.tuple(
                  B.id(), Resolution.Status.READY, SignatureStatus.UNSIGNED));
    }
  }

  @Test
  void shouldAnswerUnknownForAModelThatWasNeverPublished(TestInfo info) {
    String topic = topic(info);
    publisher(topic).publish(A, "", null);
    try (ModelRegistry registry = ModelRegistry.start(ModelRegistryConfig.defaults(topic), client);
        Resolution r = registry.resolve(shortId(C))) {
      assertThat(r.status()).isEqualTo(Resolution.Status.UNKNOWN);
      assertThat(r.failure().getMessage()).contains("unknown model " + C.id().shortHex(), topic);
    }
  }

  @Test
  void shouldRefuseABundleWhoseBytesWereAlteredAndSayItIsTheHash(TestInfo info) {
    String topic = topic(info);
    ModelAnnouncement tampered =
        ModelAnnouncements.create(A, Instant.now(), "altered in transit", null);
    tampered.setBundle(ByteBuffer.wrap(ModelFixtures.withAlteredEntry(A, ModelBundle.ENCODER)));
    publisher(topic).publish(tampered);
    ModelAnnouncement impostor = ModelAnnouncements.create(B, Instant.now(), "B posing as C", null);
    impostor.setModelId(C.id().hex());
    publisher(topic).publish(impostor);
    try (ModelRegistry registry =
        ModelRegistry.start(ModelRegistryConfig.defaults(topic), client)) {
      try (Resolution r = registry.resolve(shortId(A))) {
        assertThat(r.status()).isEqualTo(Resolution.Status.UNTRUSTED);
        assertThat(r.reason()).contains("encoder.onnx has SHA-256", "altered");
      }
      try (Resolution r = registry.resolve(shortId(C))) {
        assertThat(r.status()).isEqualTo(Resolution.Status.UNTRUSTED);
        assertThat(r.reason()).contains("hash to model id " + B.id().hex());
      }
      assertThat(registry.codecsOpened()).isZero();
    }
  }

  @Test
  void shouldRefuseUnsignedModelsWhenSignaturesAreRequiredAndAcceptTrustedSignedOnes(
      TestInfo info) {
    String topic = topic(info);
    publisher(topic).publish(A, "unsigned", null);
    publisher(topic).publish(B, "signed", ModelSigner.of("ops", OPS.getPrivate()));
    ModelRegistryConfig config = ModelRegistryConfig.defaults(topic).withTrustedKeys(TRUSTED, true);
    try (ModelRegistry registry = ModelRegistry.start(config, client)) {
      try (Resolution r = registry.resolve(shortId(A))) {
        assertThat(r.status()).isEqualTo(Resolution.Status.UNTRUSTED);
        assertThat(r.failure().getMessage())
            .startsWith("untrusted model " + A.id().shortHex())
            .contains("unsigned", "models.require.signature=true");
      }
      try (Resolution r = registry.resolve(shortId(B))) {
        assertThat(r.isReady()).isTrue();
      }
    }
  }

  @Test
  void shouldRefuseAModelSignedByAKeyThatIsNotTrusted(TestInfo info) {
    String topic = topic(info);
    publisher(topic).publish(A, "", ModelSigner.of("mallory", STRANGER.getPrivate()));
    ModelRegistryConfig config = ModelRegistryConfig.defaults(topic).withTrustedKeys(TRUSTED, true);
    try (ModelRegistry registry = ModelRegistry.start(config, client);
        Resolution r = registry.resolve(shortId(A))) {
      assertThat(r.status()).isEqualTo(Resolution.Status.UNTRUSTED);
      assertThat(r.reason()).contains("'mallory'", "not among the trusted keys [ops]");
    }
  }

  @Test
  void shouldWaitForAModelThatArrivesWithinTheTimeout(TestInfo info) throws Exception {
    String topic = topic(info);
    publisher(topic).publish(A, "", null);
    ModelRegistryConfig config =
        ModelRegistryConfig.defaults(topic)
            .withUnknownPolicy(UnknownModelPolicy.WAIT, Duration.ofSeconds(30));
    try (ModelRegistry registry = ModelRegistry.start(config, client)) {
      CompletableFuture<Void> later =
          CompletableFuture.runAsync(
              () -> {
                sleep(1500);
                publisher(topic).publish(B, "late", null);
              });
      long t0 = System.nanoTime();
      try (Resolution r = registry.resolve(shortId(B))) {
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(r.isReady()).isTrue();
        assertThat(waitedMs).isBetween(1000L, 20_000L);
      }
      later.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldGiveUpWaitingAfterTheTimeoutOncePerModel(TestInfo info) {
    String topic = topic(info);
    publisher(topic).publish(A, "", null);
    ModelRegistryConfig config =
        ModelRegistryConfig.defaults(topic)
            .withUnknownPolicy(UnknownModelPolicy.WAIT, Duration.ofMillis(1200));
    try (ModelRegistry registry = ModelRegistry.start(config, client)) {
      long t0 = System.nanoTime();
      try (Resolution r = registry.resolve(shortId(C))) {
        assertThat(r.status()).isEqualTo(Resolution.Status.UNKNOWN);
        assertThat(r.reason()).contains("waited up to 1200 ms");
      }
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
          .isGreaterThanOrEqualTo(1100);
      long t1 = System.nanoTime();
      try (Resolution r = registry.resolve(shortId(C))) {
        assertThat(r.status()).isEqualTo(Resolution.Status.UNKNOWN);
      }
      // The next record of the same unknown model does not block the task again.
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1)).isLessThan(500);
    }
  }

  @Test
  void shouldEvictTheLeastRecentlyUsedCodecAndCloseItsSessions(TestInfo info) {
    String topic = topic(info);
    publisher(topic).publish(A, "", null);
    publisher(topic).publish(B, "", null);
    ModelRegistryConfig config = ModelRegistryConfig.defaults(topic).withMaxOpenCodecs(1);
    try (ModelRegistry registry = ModelRegistry.start(config, client)) {
      LatentCodec a;
      try (Resolution r = registry.resolve(shortId(A))) {
        a = r.codec().latentCodec();
      }
      try (Resolution r = registry.resolve(shortId(B))) {
        assertThat(r.isReady()).isTrue();
      }
      assertThat(registry.openCodecs()).isEqualTo(1);
      assertThat(registry.codecEvictions()).isEqualTo(1);
      assertThat(registry.codecsClosed()).isEqualTo(1);
      assertThatThrownBy(() -> a.decode(new byte[][] {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      try (Resolution r = registry.resolve(shortId(A))) {
        assertThat(r.isReady()).isTrue(); // reopened on demand
      }
      assertThat(registry.codecsOpened()).isEqualTo(3);
    }
  }

  @Test
  void shouldForgetAModelRetractedByATombstone(TestInfo info) {
    String topic = topic(info);
    publisher(topic).publish(A, "", null);
    try (ModelRegistry registry =
        ModelRegistry.start(ModelRegistryConfig.defaults(topic), client)) {
      registry.resolve(shortId(A)).close();
      publisher(topic).retract(A.id());
      registry.catchUp(Duration.ofSeconds(30));
      try (Resolution r = registry.resolve(shortId(A))) {
        assertThat(r.status()).isEqualTo(Resolution.Status.UNKNOWN);
      }
      assertThat(registry.codecsClosed()).isEqualTo(1);
    }
  }

  @Test
  void shouldCreateACompactedTopicSizedForTheBundle(TestInfo info) throws Exception {
    String topic = topic(info);
    ModelPublisher.Publication p = publisher(topic).publish(A, "", null);
    assertThat(p.topicCreated()).isTrue();
    assertThat(publisher(topic).publish(B, "", null).topicCreated()).isFalse();
    try (Admin admin = Admin.create(client)) {
      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config c = admin.describeConfigs(List.of(r)).values().get(r).get(30, TimeUnit.SECONDS);
      assertThat(c.get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(Long.parseLong(c.get("max.message.bytes").value())).isGreaterThan(p.valueBytes());
    }
  }

  @Test
  void shouldRefuseToPublishToATopicThatDeletesOldModels(TestInfo info) {
    String topic = topic(info);
    try (TopicAdmin admin = TopicAdmin.connect(stack.bootstrapServers())) {
      admin.createTopic(TopicSpec.of(topic, 1).withConfig("cleanup.policy", "delete"));
    }
    assertThatThrownBy(() -> publisher(topic).publish(A, "", null))
        .isInstanceOf(ModelRegistryException.class)
        .hasMessageContaining("cleanup.policy=delete")
        .hasMessageContaining("must be compact");
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
