package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medinstruct.llm.ScriptedServer.ok;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;
  private ScriptedServer server;
  private final FakeTime time = new FakeTime();

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpChatClient client(Settings s) {
    return Fixtures.client(s.build(), null, time);
  }

  @Test
  void givenJournaledCompletion_secondClientServesItWithoutRequest() {
    // The first client stands for a run that was killed after this completion was journaled.
    HttpChatClient first = client(Settings.at(server.baseUrl()).cacheDir(dir));
    ChatResponse paid = first.complete(Fixtures.request("a")).join();

    HttpChatClient rerun = client(Settings.at(server.baseUrl()).cacheDir(dir));
    ChatResponse reused = rerun.complete(Fixtures.request("a")).join();
    rerun.complete(Fixtures.request("b")).join();

    assertTrue(reused.fromCache());
    assertEquals(0, reused.attempts());
    assertEquals(paid.content(), reused.content());
    assertEquals(paid.promptTokens(), reused.promptTokens());
    assertEquals(
        List.of("a", "b"),
        server.received().stream().map(ScriptedServer.Received::lastMessage).toList());
  }

  @Test
  void givenOtherWorkerJournaledAfterThisClientOpened_missRereadsItsSegmentInsteadOfPaying() {
    // Two workers (TaskManagers) open the journal; one answers "a" and "b", then dies. The other,
    // opened before those entries existed, must find them rather than pay again.
    HttpChatClient survivor = client(Settings.at(server.baseUrl()).cacheDir(dir));
    survivor.complete(Fixtures.request("c")).join();
    HttpChatClient dead = client(Settings.at(server.baseUrl()).cacheDir(dir));
    dead.complete(Fixtures.request("a")).join();
    dead.complete(Fixtures.request("b")).join();

    assertTrue(survivor.complete(Fixtures.request("a")).join().fromCache());
    assertTrue(survivor.complete(Fixtures.request("b")).join().fromCache());
    assertEquals(
        List.of("c", "a", "b"),
        server.received().stream().map(ScriptedServer.Received::lastMessage).toList());
  }

  @Test
  void givenSameClient_secondCallIsServedFromJournal() {
    HttpChatClient c = client(Settings.at(server.baseUrl()).cacheDir(dir));
    c.complete(Fixtures.request("a")).join();

    assertTrue(c.complete(Fixtures.request("a")).join().fromCache());
    assertEquals(1, server.received().size());
  }

  @Test
  void givenTornLastLine_ignoresItAndRequestsThatCompletionAgain() throws Exception {
    HttpChatClient first = client(Settings.at(server.baseUrl()).cacheDir(dir));
    first.complete(Fixtures.request("a")).join();
    first.complete(Fixtures.request("b")).join();
    first.close();
    Path segment;
    try (Stream<Path> files = Files.list(dir)) {
      segment =
          files
              .filter(p -> p.getFileName().toString().startsWith("journal-"))
              .findFirst()
              .orElseThrow();
    }
    List<String> lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
    assertEquals(2, lines.size());
    // Simulate a crash in the middle of writing the second line.
    String torn = lines.get(0) + "\n" + lines.get(1).substring(0, lines.get(1).length() / 2);
    Files.writeString(segment, torn, StandardCharsets.UTF_8);

    HttpChatClient rerun = client(Settings.at(server.baseUrl()).cacheDir(dir));
    assertTrue(rerun.complete(Fixtures.request("a")).join().fromCache());
    assertFalse(rerun.complete(Fixtures.request("b")).join().fromCache());
    assertEquals(3, server.received().size());
  }

  @Test
  void givenTornAndCorruptLines_countsThemOnceForTheSummary() throws Exception {
    HttpChatClient first = client(Settings.at(server.baseUrl()).cacheDir(dir));
    first.complete(Fixtures.request("a")).join();
    first.close();
    Path segment;
    try (Stream<Path> files = Files.list(dir)) {
      segment =
          files
              .filter(p -> p.getFileName().toString().startsWith("journal-"))
              .findFirst()
              .orElseThrow();
    }
    Files.writeString(
        segment,
        "{not json}\n{\"key\": \"to",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    HttpChatClient rerun = client(Settings.at(server.baseUrl()).cacheDir(dir));
    assertTrue(rerun.complete(Fixtures.request("a")).join().fromCache());
    assertEquals(2L, rerun.drainCounters().get("journal_damaged_lines"));
    assertEquals(0L, rerun.drainCounters().get("journal_damaged_lines"));
    rerun.close();
  }

  @Test
  void givenRefreshCache_sendsAgainAndJournalsNewResult() {
    server.enqueue(ok("old", 1, 1), ok("new", 1, 1));
    client(Settings.at(server.baseUrl()).cacheDir(dir)).complete(Fixtures.request("a")).join();

    HttpChatClient refreshing = client(Settings.at(server.baseUrl()).cacheDir(dir).refresh());
    ChatResponse fresh = refreshing.complete(Fixtures.request("a")).join();
    ChatResponse again = refreshing.complete(Fixtures.request("a")).join();
    ChatResponse later =
        client(Settings.at(server.baseUrl()).cacheDir(dir)).complete(Fixtures.request("a")).join();

    assertEquals("new", fresh.content());
    assertFalse(fresh.fromCache());
    assertTrue(again.fromCache(), "refresh re-asks once per run, not on every call");
    assertEquals(2, server.received().size());
    assertEquals("new", later.content(), "the newest journal entry wins");
  }

  @Test
  void givenNoCacheDir_sendsEveryTime() {
    HttpChatClient c = client(Settings.at(server.baseUrl()));
    c.complete(Fixtures.request("a")).join();
    c.complete(Fixtures.request("a")).join();

    assertEquals(2, server.received().size());
  }

  @Test
  void givenFileSystemsPath_journalsOneObjectPerEntryAndReusesThem() {
    // ObjectStoreJournal is what gs:// uses; exercised here through Beam's local file system.
    Journal journal = ObjectStoreJournal.open(dir.resolve("gcs-like").toString());
    ChatRequest r = Fixtures.request("a");
    String key = Journal.key("http://x/v1", r);
    try {
      journal.put(key, r, new ChatResponse("c", "stop", 3, 4, 1, false));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }

    Journal reopened = ObjectStoreJournal.open(dir.resolve("gcs-like").toString());

    assertEquals(1, reopened.size());
    ChatResponse cached = reopened.get(key);
    assertEquals(new ChatResponse("c", "stop", 3, 4, 0, true), cached);
    assertTrue(Files.exists(dir.resolve("gcs-like/entries/" + key + ".json")));
  }

  @Test
  void givenFileSystemsPath_entryWrittenByOtherWorkerAfterOpenIsFoundOnMiss() throws Exception {
    Journal survivor = ObjectStoreJournal.open(dir.resolve("gcs-like").toString());
    Journal dead = ObjectStoreJournal.open(dir.resolve("gcs-like").toString());
    ChatRequest r = Fixtures.request("a");
    String key = Journal.key("http://x/v1", r);
    dead.put(key, r, new ChatResponse("c", "stop", 3, 4, 1, false));

    assertEquals(new ChatResponse("c", "stop", 3, 4, 0, true), survivor.get(key));
    assertEquals(null, survivor.get(Journal.key("http://x/v1", Fixtures.request("b"))));
  }

  @Test
  void journalKey_dependsOnEverySamplingParameterTemplateAndSampleKey() {
    ChatRequest base = Fixtures.request("a");
    String k = Journal.key("u", base);
    assertEquals(k, Journal.key("u", Fixtures.request("a")));
    assertNotEquals(k, Journal.key("v", base));
    assertNotEquals(k, Journal.key("u", base.withMaxTokens(999)));
    assertNotEquals(
        k,
        Journal.key(
            "u",
            new ChatRequest(
                base.stage(),
                "other",
                base.templateVersion(),
                base.model(),
                base.messages(),
                base.temperature(),
                base.topP(),
                base.presencePenalty(),
                base.maxTokens(),
                base.stop(),
                null)));
    assertNotEquals(
        k,
        Journal.key(
            "u",
            new ChatRequest(
                base.stage(),
                base.sampleKey(),
                "tv2",
                base.model(),
                base.messages(),
                base.temperature(),
                base.topP(),
                base.presencePenalty(),
                base.maxTokens(),
                base.stop(),
                null)));
    assertNotEquals(
        k,
        Journal.key(
            "u",
            new ChatRequest(
                base.stage(),
                base.sampleKey(),
                base.templateVersion(),
                base.model(),
                base.messages(),
                0.7,
                base.topP(),
                base.presencePenalty(),
                base.maxTokens(),
                base.stop(),
                null)));
    assertNotEquals(
        k,
        Journal.key(
            "u",
            new ChatRequest(
                base.stage(),
                base.sampleKey(),
                base.templateVersion(),
                base.model(),
                base.messages(),
                base.temperature(),
                0.9,
                base.presencePenalty(),
                base.maxTokens(),
                base.stop(),
                null)));
    assertNotEquals(
        k,
        Journal.key(
            "u",
            new ChatRequest(
                base.stage(),
                base.sampleKey(),
                base.templateVersion(),
                base.model(),
                base.messages(),
                base.temperature(),
                base.topP(),
                0.5,
                base.maxTokens(),
                base.stop(),
                null)));
    assertNotEquals(
        k,
        Journal.key(
            "u",
            new ChatRequest(
                base.stage(),
                base.sampleKey(),
                base.templateVersion(),
                "gpt-4o",
                base.messages(),
                base.temperature(),
                base.topP(),
                base.presencePenalty(),
                base.maxTokens(),
                base.stop(),
                null)));
  }

  @Test
  void givenContextLengthRetry_journalsUnderTheRequestedMaxTokens() {
    server.enqueue(ScriptedServer.contextLength(), ok("short", 1, 1));
    client(Settings.at(server.baseUrl()).cacheDir(dir)).complete(Fixtures.request("a")).join();

    ChatResponse again =
        client(Settings.at(server.baseUrl()).cacheDir(dir)).complete(Fixtures.request("a")).join();

    assertTrue(again.fromCache());
    assertEquals(2, server.received().size());
  }
}
