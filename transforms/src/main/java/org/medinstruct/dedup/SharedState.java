package org.medinstruct.dedup;

import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values derived from side inputs, built once per JVM and join (not once per DoFn instance). Keys
 * carry the join's id, which is new for every pipeline built, so two jobs or runs never share a
 * value. The values are held softly, at most {@value #ENTRIES} of them: when our classes live in
 * the JVM's classpath rather than in one job's classloader (the job jar on a Flink cluster's
 * classpath), they outlive their job, and the JVM may then reclaim them; a value reclaimed while
 * its join still runs is built again from the same side input.
 */
final class SharedState {
  static final int ENTRIES = 8;

  private static final Map<String, SoftReference<Object>> SHARED =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SoftReference<Object>> eldest) {
          return size() > ENTRIES;
        }
      };

  private SharedState() {}

  @SuppressWarnings("unchecked")
  static <T> T get(String key, Supplier<T> build) {
    synchronized (SHARED) {
      SoftReference<Object> ref = SHARED.get(key);
      Object v = ref == null ? null : ref.get();
      if (v == null) {
        v = build.get();
        SHARED.put(key, new SoftReference<>(v));
      }
      return (T) v;
    }
  }
}
