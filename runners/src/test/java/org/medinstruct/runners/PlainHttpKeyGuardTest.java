package org.medinstruct.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key over plain http to a name that only looks local is refused by the launcher (exit 2) before
 * any connection: a loopback listener on the URL's port counts the connections that arrive. The
 * name is refused without a DNS lookup, so the test never asks a real DNS server.
 */
class PlainHttpKeyGuardTest {
  private static final String KEY = "sk-medinstruct-FAKE-KEY-guard";
  @TempDir Path tmp;

  @Test
  void givenKeyAndPlainHttpToNipIoName_exitsTwoAndNoConnectionIsAttempted() throws Exception {
    Path keyFile = Files.writeString(tmp.resolve("key.txt"), KEY);
    Path tasks =
        Files.writeString(tmp.resolve("tasks.jsonl"), "{\"instruction\": \"Explain asthma.\"}\n");
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread accepter =
          new Thread(
              () -> {
                while (!listener.isClosed()) {
                  try (Socket s = listener.accept()) {
                    connections.incrementAndGet();
                  } catch (Exception e) {
                    return;
                  }
                }
              });
      accepter.setDaemon(true);
      accepter.start();
      for (String host : new String[] {"127.0.0.1.nip.io", "127.0.0.1.NIP.IO", "2130706433"}) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
            Main.run(
                new String[] {
                  "respond",
                  "--input=" + tasks,
                  "--output=" + tmp.resolve("out"),
                  "--cacheDir=" + tmp.resolve("cache"),
                  "--llmApiKeyFile=" + keyFile,
                  "--llmBaseUrl=http://" + host + ":" + listener.getLocalPort() + "/v1"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(message, status, is(2));
        assertThat(
            message, containsString("refusing to send the API key over plain http to " + host));
        assertThat(message, not(containsString(KEY)));
      }
      assertThat(connections.get(), is(0));
      assertThat(Files.exists(tmp.resolve("out")), is(false));
    }
  }
}
