package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-JVM shared client: reference-counted leases, closed with the last one. */
class ChatClientsTest {
  @TempDir Path tmp;

  /** Settings of one run: identical options, its own progress directory (created, i.e. live). */
  private LlmSettings run(String name) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("progress").resolve(name));
    return Settings.at("http://127.0.0.1:9/v1/budget").budget(1.0, null).progressDir(dir).build();
  }

  /** Spends {@code usd} of this lease's per-run budget, as a settled request does. */
  private static void spend(LlmSettings s, double usd) {
    WorkerState state = ChatClients.state(s);
    org.junit.jupiter.api.Assertions.assertTrue(state.budget.tryReserve(usd));
    state.budget.settle(usd, usd);
  }

  @Test
  void givenTwoRunsWithTheSameOptionsInOneJvm_eachHasItsOwnBudget() throws Exception {
    LlmSettings first = run("run-1");
    LlmSettings second = run("run-2");
    try (ChatClients.Lease a = ChatClients.lease(first);
        ChatClients.Lease b = ChatClients.lease(second)) {
      spend(first, 0.8);

      assertEquals(0.8, ChatClients.state(first).budget.spentUsd(), 1e-9);
      assertEquals(0.0, ChatClients.state(second).budget.spentUsd(), 1e-9);
      assertNotSame(a.client(), b.client());
    }
  }

  @Test
  void givenTheNextRoundOfTheSameRun_itCarriesOnFromTheBudgetSpent() throws Exception {
    LlmSettings s = run("rounds");
    try (ChatClients.Lease round1 = ChatClients.lease(s)) {
      spend(s, 0.7);
    }
    try (ChatClients.Lease round2 = ChatClients.lease(s)) {
      assertEquals(0.7, ChatClients.state(s).budget.spentUsd(), 1e-9);
      assertEquals(false, ChatClients.state(s).budget.tryReserve(0.4), "0.7 + 0.4 > 1.0");
    }
  }

  @Test
  void givenARunThatEnded_itsIdleStateIsDroppedWhenAnotherRunLeases() throws Exception {
    LlmSettings ended = run("ended");
    LlmSettings live = run("live");
    LlmSettings next = run("next");
    ChatClients.lease(ended).close();
    ChatClients.lease(live).close();
    Files.delete(Path.of(ended.progressDir())); // the launcher removes it at the end of the run

    try (ChatClients.Lease lease = ChatClients.lease(next)) {
      assertNull(ChatClients.state(ended), "the ended run's state is released");
      assertNotNull(ChatClients.state(live), "a live run between rounds keeps its state");
    }
  }

  @Test
  void givenALeasedRunWhoseDirectoryIsGone_itsStateStays() throws Exception {
    LlmSettings leased = run("leased");
    try (ChatClients.Lease held = ChatClients.lease(leased)) {
      Files.delete(Path.of(leased.progressDir()));
      ChatClients.lease(run("other")).close();
      assertNotNull(ChatClients.state(leased), "never dropped while a lease is open");
    }
  }

  @Test
  void givenTwoLeases_shareOneClientClosedWithTheLastLease() {
    LlmSettings s = Settings.at("http://127.0.0.1:9/v1/leases-" + System.nanoTime()).build();
    ChatClients.Lease a = ChatClients.lease(s);
    ChatClients.Lease b = ChatClients.lease(s);
    assertSame(a.client(), b.client());
    assertEquals(2, ChatClients.leases(s));
    a.close();
    a.close(); // twice is harmless
    assertEquals(1, ChatClients.leases(s));
    b.close();
    assertEquals(0, ChatClients.leases(s));

    ChatClients.Lease c = ChatClients.lease(s);
    assertNotSame(a.client(), c.client(), "a new client after the last one was closed");
    c.close();
  }
}
