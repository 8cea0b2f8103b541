package io.latentwire.streams.models;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.errors.CodecException;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.model.ModelId;
import io.latentwire.schemas.ModelAnnouncement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoder side of the models topic: a {@link ModelResolver} that follows {@code
 * latentwire.models} and resolves every record's model id to a verified, trusted codec.
 *
 * <p>A background thread reads the topic with its own consumer (read_committed, every partition
 * assigned, from the beginning, no consumer group, no commits) and keeps the latest verdict per
 * model id ({@link AnnouncementVerifier}). A model published later is picked up within a poll, so
 * decoders need no restart; every model ever published (and not retracted by a tombstone) stays
 * resolvable, so old records still decode. Once a bundle has been accepted for an id, a later
 * refused announcement of the same id does not displace it: the id is a content hash, so the
 * accepted bytes are that model. Codecs are opened on first use and kept in a bounded LRU cache.
 *
 * <p>An id that is not known is first checked against the topic's current end (the model may have
 * been published a moment ago); then {@link UnknownModelPolicy} decides: DEAD_LETTER answers
 * UNKNOWN, WAIT blocks up to the wait timeout per id.
 *
 * <p>Thread-safe. Owns its consumer, thread and every codec it opened: close it.
 */
public final class ModelRegistry implements ModelResolver, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration METADATA_REFRESH = Duration.ofSeconds(30);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);

  /** Bound of the "was it published a moment ago?" check of an unknown id. */
  private static final Duration FRESHNESS_CHECK = Duration.ofSeconds(10);

  /** Unknown ids remembered (their wait deadlines); garbage ids must not grow memory unbounded. */
  private static final int MAX_UNKNOWN_IDS = 10_000;

  private sealed interface Entry permits Verified, Refused {
    RegisteredModel info();
  }

  private record Verified(ModelBundle bundle, RegisteredModel info) implements Entry {}

  private record Refused(RegisteredModel info) implements Entry {}

  /** An id seen unknown: when waiting for it ends, and whether the topic was read to its end. */
  private static final class UnknownId {
    final long waitDeadlineNanos;
    final CompletableFuture<Void> freshness;

    UnknownId(long waitDeadlineNanos, CompletableFuture<Void> freshness) {
      this.waitDeadlineNanos = waitDeadlineNanos;
      this.freshness = freshness;
    }
  }

  /** A request to read the topic up to its end offsets as of when the request is served. */
  private static final class SyncRequest {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    Map<TopicPartition, Long> target;
  }

  private final ModelRegistryConfig config;
  private final AnnouncementVerifier verifier;
  private final CodecCache codecs;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, UnknownId> unknown;
  private final Object changed = new Object();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ConcurrentLinkedQueue<SyncRequest> newSyncs = new ConcurrentLinkedQueue<>();
  private final List<SyncRequest> pendingSyncs = new ArrayList<>(); // consumer thread only
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException lastError;
  private long nextMetadataRefreshNanos; // consumer thread only

  private ModelRegistry(
      ModelRegistryConfig config,
      Map<String, Object> clientConfig,
      Function<ModelBundle, LatentCodec> opener) {
    this.config = config;
    this.verifier = new AnnouncementVerifier(config.trustedKeys(), config.requireSignature());
    this.codecs = new CodecCache(config.maxOpenCodecs(), opener);
    this.unknown =
        java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
              private static final long serialVersionUID = 1L;

              @Override
              protected boolean removeEldestEntry(Map.Entry<String, UnknownId> eldest) {
                return size() > MAX_UNKNOWN_IDS;
              }
            });
    this.consumer =
        new KafkaConsumer<>(
            consumerConfig(clientConfig), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "latentwire-model-registry-" + config.topic());
    this.thread.setDaemon(true);
  }

  /**
   * Starts following the models topic and returns once it has been read to its end (so every model
   * published before this call resolves at once).
   *
   * @param clientConfig Kafka client settings: at least {@code bootstrap.servers}, plus any
   *     security settings; consumer-specific settings are overridden as the class comment says
   * @throws ModelRegistryException when the topic cannot be read to its end within {@link
   *     ModelRegistryConfig#startupTimeout()}
   */
  public static ModelRegistry start(ModelRegistryConfig config, Map<String, ?> clientConfig) {
    Objects.requireNonNull(config, "config");
    Map<String, Object> client = new HashMap<>(clientConfig);
    ModelRegistry registry =
        new ModelRegistry(config, client, b -> LatentCodec.open(b, config.inference()));
    registry.thread.start();
    try {
      registry.catchUp(config.startupTimeout());
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    return registry;
  }

  private static Map<String, Object> consumerConfig(Map<String, Object> client) {
    Map<String, Object> c = new HashMap<>(client);
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "latentwire-model-registry");
    return c;
  }

  public ModelRegistryConfig config() {
    return config;
  }

  @Override
  public Resolution resolve(byte[] shortId) {
    Objects.requireNonNull(shortId, "shortId");
    if (!running) {
      throw new IllegalStateException("the model registry is closed");
    }
    if (shortId.length != ModelId.SHORT_BYTES) {
      return Resolution.unknown(
          HexFormat.of().formatHex(shortId),
          "a model id prefix is " + ModelId.SHORT_BYTES + " bytes, got " + shortId.length);
    }
    String key = HexFormat.of().formatHex(shortId);
    Entry entry = entries.get(key);
    if (entry == null) {
      entry = awaitUnknown(key);
    }
    if (entry == null) {
      return Resolution.unknown(key, unknownReason());
    }
    return toResolution(key, entry);
  }

  /**
   * Reads the models topic up to its current end (read_committed) before returning: everything
   * published before this call is then known.
   *
   * @throws ModelRegistryException when that takes longer than {@code timeout}
   */
  public void catchUp(Duration timeout) {
    CompletableFuture<Void> done = requestSync();
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      RuntimeException last = lastError;
      throw new ModelRegistryException(
          "could not read the models topic "
              + config.topic()
              + " to its end within "
              + timeout
              + (last == null ? "" : "; last error: " + last.getMessage()),
          last);
    } catch (ExecutionException e) {
      throw new ModelRegistryException(
          "reading the models topic " + config.topic() + " failed: " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelRegistryException("interrupted while reading the models topic", e);
    }
  }

  /**
   * The verified bundle of one model, waiting up to {@code wait} for it to be announced: what an
   * encoder configured with {@code model.id} runs. The bundle passed the same checks as for a
   * decoder (content hash, signature policy).
   *
   * @param id the full model id (64 hex digits) or a prefix of it of at least 16 hex digits (what
   *     {@code latentwire model list} prints); case-insensitive
   * @param wait how long to wait for an id that is not announced yet; zero does not wait
   * @return the bundle; the caller opens (and closes) its codec
   * @throws IllegalArgumentException when {@code id} is not 16 to 64 hex digits
   * @throws ModelRegistryException naming the id and the topic when no such model is announced in
   *     time, or when its announcement is refused (with the reason)
   */
  public ModelBundle awaitBundle(String id, Duration wait) {
    String want = idPrefix(id);
    String key = want.substring(0, 2 * ModelId.SHORT_BYTES);
    long deadline = System.nanoTime() + wait.toNanos();
    Entry entry;
    synchronized (changed) {
      while ((entry = entries.get(key)) == null && running) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(changed, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ModelRegistryException("interrupted while waiting for model " + want, e);
        }
      }
    }
    ModelId found = entry == null ? null : entry.info().modelId();
    if (entry == null || (found != null && !found.hex().startsWith(want))) {
      throw new ModelRegistryException(
          "no model "
              + want
              + " on the models topic "
              + config.topic()
              + " (read to its end, then waited "
              + wait.toMillis()
              + " ms for it); models there: "
              + knownIds());
    }
    if (entry instanceof Refused r) {
      throw new ModelRegistryException(
          "model "
              + want
              + " on the models topic "
              + config.topic()
              + " is refused: "
              + r.info().reason());
    }
    return ((Verified) entry).bundle();
  }

  /**
   * A model id or id prefix as configured ({@code model.id}), in lower case.
   *
   * @throws IllegalArgumentException when {@code id} is not 16 to 64 hex digits
   */
  public static String idPrefix(String id) {
    String s = Objects.requireNonNull(id, "id").trim().toLowerCase(java.util.Locale.ROOT);
    if (!s.matches("[0-9a-f]{" + 2 * ModelId.SHORT_BYTES + ",64}")) {
      throw new IllegalArgumentException(
          "a model id is 64 hex digits, or a prefix of at least "
              + 2 * ModelId.SHORT_BYTES
              + " of them (as 'latentwire model list' prints it); got '"
              + id
              + "'");
    }
    return s;
  }

  /** The accepted ids, for error messages: the first few, and how many more. */
  private String knownIds() {
    List<String> ready =
        models().stream()
            .filter(m -> m.status() == Resolution.Status.READY)
            .map(RegisteredModel::shortId)
            .toList();
    if (ready.isEmpty()) {
      return "none";
    }
    int shown = Math.min(10, ready.size());
    return String.join(", ", ready.subList(0, shown))
        + (ready.size() > shown ? " and " + (ready.size() - shown) + " more" : "");
  }

  /** Every announced model id and its verdict, sorted by publication time then id. */
  public List<RegisteredModel> models() {
    List<RegisteredModel> out = new ArrayList<>();
    entries.values().forEach(e -> out.add(e.info()));
    out.sort(
        Comparator.comparing(
                RegisteredModel::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(RegisteredModel::shortId));
    return out;
  }

  /**
   * Models whose ONNX sessions are open now (at most {@link ModelRegistryConfig#maxOpenCodecs}).
   */
  public int openCodecs() {
    return codecs.size();
  }

  /** Codecs opened since start. */
  public long codecsOpened() {
    return codecs.openedCount();
  }

  /** Codecs closed since start (evicted or invalidated, once their last lease ended). */
  public long codecsClosed() {
    return codecs.closedCount();
  }

  /** Models dropped from the codec cache for room since start. */
  public long codecEvictions() {
    return codecs.evictionCount();
  }

  /**
   * Stops following the topic and closes every codec not leased (leased ones close as their
   * resolutions are closed). Idempotent.
   */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    codecs.close();
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  // ---------------------------------------------------------------- resolving

  private Resolution toResolution(String key, Entry entry) {
    if (entry instanceof Refused r) {
      return Resolution.untrusted(key, r.info().modelId(), r.info().reason());
    }
    Verified v = (Verified) entry;
    try {
      return codecs.acquire(key, v.bundle());
    } catch (CodecException e) {
      // Verified bytes that ONNX Runtime cannot load will not load next time either: remember.
      RegisteredModel i = v.info();
      String reason = "the bundle verifies, but its networks cannot be loaded: " + e.getMessage();
      entries.replace(
          key,
          v,
          new Refused(
              new RegisteredModel(
                  i.shortId(),
                  i.modelId(),
                  Resolution.Status.UNTRUSTED,
                  null,
                  reason,
                  i.createdAt(),
                  i.description(),
                  i.partition(),
                  i.offset())));
      LOG.error("model {}: {}", key, reason);
      return Resolution.untrusted(key, i.modelId(), reason);
    }
  }

  private Entry awaitUnknown(String key) {
    long now = System.nanoTime();
    UnknownId u;
    synchronized (unknown) {
      u = unknown.get(key);
      if (u == null) {
        long wait =
            config.unknownPolicy() == UnknownModelPolicy.WAIT ? config.waitTimeout().toNanos() : 0;
        u = new UnknownId(now + wait, requestSync());
        unknown.put(key, u);
      }
    }
    // Once per id: the model may have been published just before the record that names it.
    if (!u.freshness.isDone()) {
      try {
        u.freshness.get(FRESHNESS_CHECK.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        u.freshness.complete(null); // do not pay this bound again for this id
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return entries.get(key);
      }
    }
    synchronized (changed) {
      while (running) {
        Entry e = entries.get(key);
        long left = u.waitDeadlineNanos - System.nanoTime();
        if (e != null || left <= 0) {
          return e;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(changed, left);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          return entries.get(key);
        }
      }
    }
    return entries.get(key);
  }

  private String unknownReason() {
    String where = "no announcement of it on the models topic " + config.topic();
    return config.unknownPolicy() == UnknownModelPolicy.WAIT
        ? where + " (waited up to " + config.waitTimeout().toMillis() + " ms)"
        : where;
  }

  private CompletableFuture<Void> requestSync() {
    SyncRequest r = new SyncRequest();
    newSyncs.add(r);
    return r.done;
  }

  // ---------------------------------------------------------------- the consumer thread

  private void run() {
    try {
      while (running) {
        try {
          step();
          lastError = null;
        } catch (WakeupException | InterruptException e) {
          if (!running) {
            break;
          }
        } catch (RuntimeException e) {
          lastError = e;
          LOG.warn(
              "reading the models topic {} failed, retrying: {}", config.topic(), e.toString());
          sleep(ERROR_BACKOFF);
        }
      }
    } finally {
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.debug("closing the models consumer", e);
      }
      ModelRegistryException closed = new ModelRegistryException("the model registry is closed");
      newSyncs.forEach(s -> s.done.completeExceptionally(closed));
      pendingSyncs.forEach(s -> s.done.completeExceptionally(closed));
    }
  }

  private void step() {
    boolean newRequests = !newSyncs.isEmpty();
    if (newRequests || System.nanoTime() >= nextMetadataRefreshNanos) {
      refreshAssignment();
    }
    if (!consumer.assignment().isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        apply(r);
      }
    } else if (!newRequests) {
      sleep(POLL); // no topic yet: nothing to poll
    }
    serveSyncs();
  }

  /** Assigns every partition of the topic; new ones are read from the beginning. */
  private void refreshAssignment() {
    nextMetadataRefreshNanos = System.nanoTime() + METADATA_REFRESH.toNanos();
    List<PartitionInfo> infos = consumer.partitionsFor(config.topic(), METADATA_TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      return;
    }
    Set<TopicPartition> all = new HashSet<>();
    infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
    Set<TopicPartition> current = consumer.assignment();
    if (current.containsAll(all)) {
      return;
    }
    Set<TopicPartition> added = new HashSet<>(all);
    added.removeAll(current);
    consumer.assign(all);
    consumer.seekToBeginning(added);
    LOG.info("following models topic {}: partitions {}", config.topic(), all.size());
  }

  private void serveSyncs() {
    SyncRequest r;
    Collection<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, Long> end = null;
    while ((r = newSyncs.poll()) != null) {
      if (end == null) {
        end = assigned.isEmpty() ? Map.of() : consumer.endOffsets(assigned, METADATA_TIMEOUT);
      }
      r.target = end;
      pendingSyncs.add(r);
    }
    if (pendingSyncs.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> positions = new HashMap<>();
    for (TopicPartition tp : assigned) {
      positions.put(tp, consumer.position(tp, METADATA_TIMEOUT));
    }
    pendingSyncs.removeIf(
        s -> {
          boolean reached =
              s.target.entrySet().stream()
                  .allMatch(e -> positions.getOrDefault(e.getKey(), -1L) >= e.getValue());
          if (reached) {
            s.done.complete(null);
          }
          return reached;
        });
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      retract(key, record);
      return;
    }
    ModelAnnouncement announcement;
    try {
      announcement = ModelAnnouncements.deserialize(record.value());
    } catch (ModelRegistryException e) {
      ModelId fromKey = AnnouncementVerifier.parseId(key);
      if (fromKey == null) {
        LOG.warn(
            "ignoring an unreadable record without a model id key at {}: {}",
            at(record),
            e.getMessage());
        return;
      }
      store(refused(fromKey, e.getMessage(), null, "", record.partition(), record.offset()));
      return;
    }
    AnnouncementVerifier.Verdict verdict = verifier.verify(key, announcement);
    ModelId claimed = verdict.claimedId();
    if (claimed == null) {
      LOG.warn("ignoring an announcement at {} that names no model id", at(record));
      return;
    }
    if (verdict instanceof AnnouncementVerifier.Refused r) {
      store(
          refused(
              claimed,
              r.reason(),
              announcement.getCreatedAtMs(),
              announcement.getDescription(),
              record.partition(),
              record.offset()));
    } else {
      AnnouncementVerifier.Accepted a = (AnnouncementVerifier.Accepted) verdict;
      RegisteredModel info =
          new RegisteredModel(
              claimed.shortHex(),
              claimed,
              Resolution.Status.READY,
              a.signature(),
              null,
              announcement.getCreatedAtMs(),
              announcement.getDescription(),
              record.partition(),
              record.offset());
      store(new Verified(a.bundle(), info));
    }
  }

  private static Refused refused(
      ModelId id,
      String reason,
      java.time.Instant createdAt,
      String description,
      int partition,
      long offset) {
    return new Refused(
        new RegisteredModel(
            id.shortHex(),
            id,
            Resolution.Status.UNTRUSTED,
            null,
            reason,
            createdAt,
            description,
            partition,
            offset));
  }

  private void store(Entry entry) {
    RegisteredModel info = entry.info();
    String key = info.shortId();
    Entry before = entries.get(key);
    Entry after = entry;
    if (before instanceof Verified v && !v.info().modelId().equals(info.modelId())) {
      // Two different bundles whose ids share 8 bytes: records cannot say which one they mean.
      after =
          refused(
              info.modelId(),
              "two different bundles share the id prefix "
                  + key
                  + " ("
                  + v.info().modelId().hex()
                  + " and "
                  + info.modelId().hex()
                  + "); records naming it are ambiguous",
              info.createdAt(),
              info.description(),
              info.partition(),
              info.offset());
    } else if (before instanceof Verified && entry instanceof Refused) {
      LOG.warn(
          "model {}: keeping the accepted bundle; a later announcement at {}-{}@{} is refused: {}",
          key,
          config.topic(),
          info.partition(),
          info.offset(),
          info.reason());
      return;
    }
    entries.put(key, after);
    if (!(after instanceof Verified)) {
      codecs.invalidate(key);
    }
    unknown.remove(key);
    if (after instanceof Verified v) {
      LOG.info(
          "model {} accepted ({}), published {}{}",
          key,
          v.info().signature(),
          v.info().createdAt(),
          v.info().description().isEmpty() ? "" : ": " + v.info().description());
    } else {
      LOG.warn("model {} refused: {}", key, after.info().reason());
    }
    signalChange();
  }

  private void retract(String key, ConsumerRecord<byte[], byte[]> record) {
    ModelId id = AnnouncementVerifier.parseId(key);
    if (id == null) {
      LOG.warn("ignoring a tombstone without a model id key at {}", at(record));
      return;
    }
    String shortKey = id.shortHex();
    Entry before = entries.get(shortKey);
    if (before != null && id.equals(before.info().modelId())) {
      entries.remove(shortKey, before);
      codecs.invalidate(shortKey);
      LOG.info("model {} retracted (tombstone at {})", shortKey, at(record));
      signalChange();
    }
  }

  private void signalChange() {
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  private String at(ConsumerRecord<?, ?> r) {
    return r.topic() + "-" + r.partition() + "@" + r.offset();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
