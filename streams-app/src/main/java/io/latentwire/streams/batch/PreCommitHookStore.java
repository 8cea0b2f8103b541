package io.latentwire.streams.batch;

import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store without data whose {@link #flushCache()} Kafka Streams calls right before each
 * commit of its task, inside the task's transaction: the pre-commit hook a batching processor
 * needs. One instance per task; attach it with {@link #builder(String)} through the processor
 * supplier's {@code stores()}.
 *
 * <p>Kafka Streams 4.3.1 calls {@code flushCache()} from {@code
 * ProcessorStateManager.flushCache()}, inside {@code StreamTask.prepareCommit}, before the record
 * collector is flushed and the offsets are added to the transaction; on regular commits, on
 * revocation and on clean close, and not on a dirty close (the transaction is aborted then, and the
 * records are read again). It calls {@code clearCache()} when a task is recycled between active and
 * standby.
 *
 * <p><b>Uses the internal interface {@code CachedStateStore}</b>, which may change in any Kafka
 * release: the crash test in the ops module is the gate on every Kafka upgrade.
 */
public final class PreCommitHookStore implements StateStore, CachedStateStore<Object, Object> {

  /** Told what Kafka is about to do with the task. Called on the task's stream thread. */
  public interface Listener {
    /** The task is about to commit: forward everything buffered, now. */
    void beforeCommit();

    /** Drop everything buffered without forwarding: it was not committed and will be re-read. */
    void discard();
  }

  private final String name;
  private volatile boolean open;
  private Listener listener;

  private PreCommitHookStore(String name) {
    this.name = name;
  }

  /** Builds one hook store per task, with no changelog and no cache. */
  public static StoreBuilder<PreCommitHookStore> builder(String name) {
    return new Builder(name);
  }

  /** Binds the processor to tell; replaces any earlier listener (a re-initialized processor). */
  public void listen(Listener listener) {
    this.listener = listener;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    // Registration puts the store in the task's state manager, whose flushCache() calls ours.
    // Nothing is ever logged, so the restore callback never runs.
    context.register(
        root,
        (key, value) -> {
          throw new IllegalStateException("store " + name + " has no changelog to restore from");
        });
    open = true;
  }

  @Override
  public void flushCache() {
    Listener l = listener;
    if (l != null) {
      l.beforeCommit();
    }
  }

  @Override
  public void clearCache() {
    Listener l = listener;
    if (l != null) {
      l.discard();
    }
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<Object, Object> flushListener, boolean old) {
    return false;
  }

  @Override
  public void close() {
    open = false;
    listener = null;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  private static final class Builder implements StoreBuilder<PreCommitHookStore> {
    private final String name;

    Builder(String name) {
      this.name = name;
    }

    @Override
    public StoreBuilder<PreCommitHookStore> withCachingEnabled() {
      throw new UnsupportedOperationException("store " + name + " holds no data to cache");
    }

    @Override
    public StoreBuilder<PreCommitHookStore> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<PreCommitHookStore> withLoggingEnabled(Map<String, String> config) {
      throw new UnsupportedOperationException(
          "store " + name + " holds no data: a changelog topic would stay empty");
    }

    @Override
    public StoreBuilder<PreCommitHookStore> withLoggingDisabled() {
      return this;
    }

    @Override
    public PreCommitHookStore build() {
      return new PreCommitHookStore(name);
    }

    @Override
    public Map<String, String> logConfig() {
      return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
      return false;
    }

    @Override
    public String name() {
      return name;
    }
  }
}
