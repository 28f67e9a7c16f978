package org.medinstruct.llm;

import com.google.api.client.util.Clock;
import com.google.api.client.util.NanoClock;
import com.google.api.client.util.Sleeper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when someone sleeps; sleeps are recorded, never slept. */
final class FakeTime implements NanoClock, Clock, Sleeper {
  private static final long START_NANOS = 1_000_000_000L;
  private final AtomicLong nanos = new AtomicLong(START_NANOS);
  private final long epochMillisAtStart = 1_700_000_000_000L;
  final List<Long> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long currentTimeMillis() {
    return epochMillisAtStart + (nanos.get() - START_NANOS) / 1_000_000;
  }

  @Override
  public void sleep(long millis) {
    sleeps.add(millis);
    nanos.addAndGet(millis * 1_000_000);
  }

  void advanceMillis(long millis) {
    nanos.addAndGet(millis * 1_000_000);
  }
}
