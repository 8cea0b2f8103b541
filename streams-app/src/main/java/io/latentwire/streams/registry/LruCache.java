package io.latentwire.streams.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small thread-safe map that forgets its least recently used entry past a fixed capacity.
 *
 * <p>Registry answers cached here (schema by id, id by subject and schema) never change for a given
 * key, so an entry is dropped only for room. Also used by the serdes for per-schema readers.
 *
 * @param <K> key type, with value-based equals/hashCode
 * @param <V> value type; null values are not stored
 */
public final class LruCache<K, V> {

  private final int capacity;
  private final Map<K, V> entries;

  /**
   * @param capacity the maximum number of entries, 1 or more
   * @throws IllegalArgumentException when capacity is below 1
   */
  public LruCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be 1 or more, got " + capacity);
    }
    this.capacity = capacity;
    // Access order: a get refreshes the entry, so hot schemas are the last to go.
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > LruCache.this.capacity;
          }
        };
  }

  /** The cached value, or null. */
  public synchronized V get(K key) {
    return entries.get(key);
  }

  /** Stores a value; a null value is ignored. */
  public synchronized void put(K key, V value) {
    if (value != null) {
      entries.put(key, value);
    }
  }

  /** Drops every entry. */
  public synchronized void clear() {
    entries.clear();
  }

  /** The number of entries, at most the capacity. */
  public synchronized int size() {
    return entries.size();
  }

  /** The maximum number of entries. */
  public int capacity() {
    return capacity;
  }
}
