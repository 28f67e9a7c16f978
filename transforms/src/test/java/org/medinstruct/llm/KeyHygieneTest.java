package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medinstruct.llm.ScriptedServer.error;
import static org.medinstruct.llm.ScriptedServer.ok;
import static org.medinstruct.llm.ScriptedServer.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyHygieneTest {
  private static final String KEY = "sk-medinstruct-FAKE-KEY-7f3a9c";
  @TempDir Path dir;
  private ScriptedServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void givenKeyAndFailingRequests_keyAppearsInNoMessageJournalOrLog() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("key.txt"), "  " + KEY + "\n");
    Path journal = dir.resolve("journal");
    // Servers echo keys in error messages; the client must scrub them.
    server.enqueue(
        error(401, "invalid_api_key", "Incorrect API key provided: " + KEY),
        error(404, "model_not_found", "no model for key " + KEY),
        status(500, "internal error for " + KEY),
        status(500, "internal error for " + KEY),
        status(500, "internal error for " + KEY),
        status(500, "internal error for " + KEY),
        ok("fine", 1, 1));
    LlmSettings settings =
        Settings.at(server.baseUrl()).keyFile(keyFile).cacheDir(journal).maxRetries(3).build();

    List<String> messages = new ArrayList<>();
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(capture);
    System.setOut(capture);
    HttpChatClient client;
    try {
      FakeTime time = new FakeTime();
      client =
          new HttpChatClient(
              settings, ApiKeys.resolve(settings), new PooledLlmHttp(), time, time, time);
      for (String prompt : List.of("a", "b", "c", "d")) {
        try {
          client.complete(Fixtures.request(prompt)).join();
        } catch (RuntimeException e) {
          for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            messages.add(t.toString());
          }
          messages.add(LlmFailure.of(e).toString());
        }
      }
      messages.add(client.toString());
      messages.add(settings.toString());
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }

    assertEquals(
        "Bearer " + KEY,
        server.received().get(0).header("Authorization"),
        "the key was really used");
    assertEquals(
        3,
        messages.stream().filter(m -> m.startsWith("LlmFailure")).count(),
        "three prompts failed");
    for (String m : messages) {
      assertFalse(m.contains(KEY) || m.contains("FAKE-KEY"), "key in message: " + m);
    }
    assertFalse(
        captured.toString(StandardCharsets.UTF_8).contains("FAKE-KEY"), "key in log output");
    try (Stream<Path> files = Files.walk(journal)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f);
        assertFalse(text.contains("FAKE-KEY") || text.contains("Authorization"), "key in " + f);
      }
    }
  }

  @Test
  void givenKeyAndPlainHttpToRemoteHost_refuses() {
    org.medinstruct.model.UserInputException e =
        assertThrows(
            org.medinstruct.model.UserInputException.class,
            () -> HttpChatClient.checkTransport("http://api.example.com/v1", KEY, false));
    assertTrue(
        e.getMessage().contains("refusing to send the API key over plain http"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void givenAllowInsecureHttpOrLoopbackOrNoKey_accepts() {
    assertDoesNotThrow(() -> HttpChatClient.checkTransport("http://api.example.com/v1", KEY, true));
    assertDoesNotThrow(() -> HttpChatClient.checkTransport("http://127.0.0.1:8080/v1", KEY, false));
    assertDoesNotThrow(() -> HttpChatClient.checkTransport("http://localhost:8080/v1", KEY, false));
    assertDoesNotThrow(
        () -> HttpChatClient.checkTransport("http://api.example.com/v1", null, false));
    assertDoesNotThrow(
        () -> HttpChatClient.checkTransport("https://api.openai.com/v1", KEY, false));
  }

  @Test
  void givenKeyFileAndRemoteHttp_clientCreationFailsClearly() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("key.txt"), KEY);
    LlmSettings s = Settings.at("http://api.example.com/v1").keyFile(keyFile).build();
    org.medinstruct.model.UserInputException e =
        assertThrows(
            org.medinstruct.model.UserInputException.class, () -> HttpChatClient.create(s));
    assertFalse(e.getMessage().contains(KEY));
  }
}
