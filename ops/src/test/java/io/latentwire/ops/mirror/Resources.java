package io.latentwire.ops.mirror;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything a test started, closed in reverse order of start even when one close fails (the first
 * failure is thrown, later ones are added to it as suppressed).
 */
final class Resources implements AutoCloseable {
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  /** Registers {@code resource} for closing and returns it; null is ignored. */
  <T extends AutoCloseable> T add(T resource) {
    if (resource != null) {
      started.push(resource);
    }
    return resource;
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
