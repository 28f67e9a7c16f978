package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.UserInputException;

/**
 * One run per local cache dir; an object-store cache dir cannot be locked and says so. (A killed
 * holder releasing the lock is tested across processes in the runners' ConcurrentRunsTest.)
 */
class CacheDirLockTest {
  @TempDir Path tmp;

  @Test
  void givenLocalCacheDirHeld_secondAcquireRefusesNamingTheHolderUntilItIsReleased()
      throws Exception {
    String dir = tmp.resolve("cache").toString();
    try (CacheDirLock first = CacheDirLock.acquire(dir)) {
      assertThat(first.warning(), nullValue());
      assertThat(
          Files.readString(tmp.resolve("cache").resolve("run.lock")),
          containsString("pid@host " + ProcessHandle.current().pid() + "@"));
      UserInputException e =
          assertThrows(UserInputException.class, () -> CacheDirLock.acquire(dir));
      assertThat(
          e.getMessage(),
          containsString(
              "is in use by another run (pid@host " + ProcessHandle.current().pid() + "@"));
    }
    CacheDirLock.acquire(dir).close();
  }

  @Test
  void givenObjectStoreCacheDir_itIsNotLockedAndTheWarningSaysTwoRunsWouldPayTwice() {
    try (CacheDirLock first = CacheDirLock.acquire("s3://bucket/medinstruct-cache");
        CacheDirLock second = CacheDirLock.acquire("s3://bucket/medinstruct-cache")) {
      assertThat(
          first.warning(),
          containsString(
              "--cacheDir s3://bucket/medinstruct-cache is an object store and cannot be locked"));
      assertThat(second.warning(), containsString("pay twice"));
    }
  }
}
