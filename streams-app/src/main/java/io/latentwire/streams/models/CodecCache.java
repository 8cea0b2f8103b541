package io.latentwire.streams.models;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.record.RecordCodec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Open codecs, one per model, opened on first use and closed past a fixed number of models, least
 * recently used first.
 *
 * <p>Codecs hold ONNX Runtime sessions (native memory), so they are reference counted: the cache
 * holds one reference, each {@link Resolution} lease another. Evicting or invalidating a model
 * drops the cache's reference; the sessions close when the last lease is returned, never under a
 * decode in flight. Thread-safe. Opening a model (milliseconds to seconds) happens outside the
 * cache lock, so tasks decoding with other models are not held up; two tasks asking for the same
 * new model open it once.
 *
 * <p>Owns every codec it opened: {@link #close()} closes those not leased, the rest as their leases
 * end.
 */
final class CodecCache implements AutoCloseable {
  private final int capacity;
  private final Function<ModelBundle, LatentCodec> opener;
  private final LinkedHashMap<String, Handle> open = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Object> openLocks = new ConcurrentHashMap<>();
  private long opened;
  private long closed;
  private long evictions;
  private boolean shut;

  /**
   * @param capacity models kept open at once, 1 or more
   * @param opener opens a bundle's codec; the cache owns what it returns
   */
  CodecCache(int capacity, Function<ModelBundle, LatentCodec> opener) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be 1 or more, got " + capacity);
    }
    this.capacity = capacity;
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  /** A codec kept open while a lease holds it. */
  private final class Handle {
    final String key;
    final ModelBundle bundle;
    final LatentCodec codec;
    final RecordCodec recordCodec;
    int refs = 1; // the cache's own reference; guarded by the cache

    Handle(String key, ModelBundle bundle, LatentCodec codec) {
      this.key = key;
      this.bundle = bundle;
      this.codec = codec;
      this.recordCodec = new RecordCodec(codec);
    }
  }

  /**
   * A lease on the codec of {@code bundle}, opening it if needed.
   *
   * @param key the model's short id (cache key)
   * @throws io.latentwire.codec.errors.CodecException when ONNX Runtime cannot load the bundle
   * @throws IllegalStateException when the cache is closed
   */
  Resolution acquire(String key, ModelBundle bundle) {
    Resolution hit = leaseIfOpen(key, bundle);
    if (hit != null) {
      return hit;
    }
    synchronized (openLocks.computeIfAbsent(key, k -> new Object())) {
      hit = leaseIfOpen(key, bundle);
      if (hit != null) {
        return hit;
      }
      LatentCodec codec = opener.apply(bundle);
      List<Handle> retired = new ArrayList<>();
      Resolution lease;
      synchronized (this) {
        if (shut) {
          codec.close();
          throw new IllegalStateException("the model registry is closed");
        }
        opened++;
        Handle h = new Handle(key, bundle, codec);
        Handle replaced = open.put(key, h);
        if (replaced != null) {
          retired.add(replaced);
        }
        lease = lease(h);
        Iterator<Handle> eldest = open.values().iterator();
        while (open.size() > capacity && eldest.hasNext()) {
          Handle e = eldest.next();
          if (e != h) {
            eldest.remove();
            evictions++;
            retired.add(e);
          }
        }
      }
      retired.forEach(this::release);
      return lease;
    }
  }

  /** Drops the model's codec (closed once no lease holds it): its announcement changed. */
  void invalidate(String key) {
    Handle h;
    synchronized (this) {
      h = open.remove(key);
    }
    if (h != null) {
      release(h);
    }
  }

  /** Models open now. */
  synchronized int size() {
    return open.size();
  }

  /** Codecs opened so far. */
  synchronized long openedCount() {
    return opened;
  }

  /** Codecs whose sessions were closed so far. */
  synchronized long closedCount() {
    return closed;
  }

  /** Models dropped for room so far. */
  synchronized long evictionCount() {
    return evictions;
  }

  @Override
  public void close() {
    List<Handle> all;
    synchronized (this) {
      if (shut) {
        return;
      }
      shut = true;
      all = new ArrayList<>(open.values());
      open.clear();
    }
    all.forEach(this::release);
  }

  private synchronized Resolution leaseIfOpen(String key, ModelBundle bundle) {
    if (shut) {
      throw new IllegalStateException("the model registry is closed");
    }
    Handle h = open.get(key);
    // Same short id but another bundle: the announcement changed; the caller opens the new one.
    return h != null && h.bundle.id().equals(bundle.id()) ? lease(h) : null;
  }

  /** Takes a reference; only called with the lock held and {@code h} in the map (refs >= 1). */
  private Resolution lease(Handle h) {
    h.refs++;
    return Resolution.ready(h.bundle.id(), h.recordCodec, () -> release(h));
  }

  private void release(Handle h) {
    boolean last;
    synchronized (this) {
      last = --h.refs == 0;
      if (last) {
        closed++;
      }
    }
    if (last) {
      h.codec.close(); // outside the lock: closing sessions can take a while
    }
  }
}
