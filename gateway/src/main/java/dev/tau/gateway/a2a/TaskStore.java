package dev.tau.gateway.a2a;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's A2A tasks, in memory and bounded: past {@code capacity} the oldest task is
 * forgotten (its session keeps the conversation; only {@code tasks/get} loses it). Lost on restart.
 * Thread-safe.
 */
final class TaskStore {
  /** The default number of tasks kept. */
  static final int DEFAULT_CAPACITY = 1_000;

  private final Map<String, A2aTask> tasks;

  TaskStore(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("task store capacity must be positive, was " + capacity);
    }
    this.tasks =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, A2aTask> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized void put(A2aTask task) {
    tasks.put(task.id(), task);
  }

  synchronized Optional<A2aTask> get(String id) {
    return Optional.ofNullable(tasks.get(id));
  }

  synchronized int size() {
    return tasks.size();
  }
}
