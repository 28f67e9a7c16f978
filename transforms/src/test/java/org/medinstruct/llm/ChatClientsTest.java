package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The per-JVM shared client: reference-counted leases, closed with the last one. */
class ChatClientsTest {
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
