package org.medinstruct.dedup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Values derived from side inputs, built once per JVM and join (not once per DoFn instance). */
final class SharedState {
  private static final Map<String, Object> SHARED =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
          return size() > 8;
        }
      };

  private SharedState() {}

  @SuppressWarnings("unchecked")
  static <T> T get(String key, Supplier<T> build) {
    synchronized (SHARED) {
      Object v = SHARED.get(key);
      if (v == null) {
        v = build.get();
        SHARED.put(key, v);
      }
      return (T) v;
    }
  }
}
