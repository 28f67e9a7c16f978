package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medinstruct.model.UserInputException;

/**
 * The plain-http key guard. A fake resolver answers every lookup (nothing here asks a real DNS
 * server); it records the names it was asked, so the tests also show which names are never looked
 * up.
 */
class LoopbackGuardTest {
  /** A hosts table in memory; names not in it do not resolve. */
  static final class FakeResolver implements LoopbackGuard.Resolver {
    final Map<String, InetAddress[]> table = new ConcurrentHashMap<>();
    final List<String> asked = new ArrayList<>();

    FakeResolver map(String name, String... ips) {
      InetAddress[] a = new InetAddress[ips.length];
      for (int i = 0; i < ips.length; i++) {
        try {
          a[i] = InetAddress.getByName(ips[i]); // literals only: parsed, not looked up
        } catch (UnknownHostException e) {
          throw new AssertionError(e);
        }
      }
      table.put(name, a);
      return this;
    }

    @Override
    public synchronized InetAddress[] resolve(String host) throws UnknownHostException {
      asked.add(host);
      InetAddress[] a = table.get(host);
      if (a == null) {
        throw new UnknownHostException(host);
      }
      return a;
    }
  }

  /** Resolves the attack names to loopback, as a hostile public DNS would today. */
  private final FakeResolver dns =
      new FakeResolver()
          .map("localhost", "127.0.0.1", "::1")
          .map("127.0.0.1.nip.io", "127.0.0.1")
          .map("127.evil.example", "127.0.0.1")
          .map("localhost.evil.example", "127.0.0.1")
          .map("2130706433", "127.0.0.1")
          .map("api.localhost", "127.0.0.1", "10.0.0.7");

  private final LoopbackGuard guard = new LoopbackGuard(dns);

  private UserInputException refused(String url) {
    return assertThrows(
        UserInputException.class, () -> guard.checkTransport(url, true, false), url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1.nip.io/v1", "http://127.evil.example/v1",
            "http://localhost.evil.example/v1",
        "http://127.0.0.1.NIP.IO:8000/v1", "http://127.EVIL.EXAMPLE/v1",
            "http://LOCALHOST.EVIL.EXAMPLE/v1"
      })
  void givenKeyAndNameOutsideThisMachine_refusesWithoutResolvingIt(String url) {
    UserInputException e = refused(url);
    assertTrue(
        e.getMessage().contains("refusing to send the API key over plain http"), e.getMessage());
    assertEquals(List.of(), dns.asked, "an untrusted name must not even be looked up");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://0.0.0.0:8000/v1",
        "http://2130706433/v1",
        "http://10.0.0.1/v1",
        "http://[::]/v1",
        "http://[::ffff:10.0.0.1]/v1",
        "http://0x7f000001/v1",
        "http://127.1/v1",
        "http://0177.0.0.1/v1"
      })
  void givenKeyAndNonLoopbackOrUnusualAddressForm_refuses(String url) {
    refused(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8000/v1",
        "http://127.5.6.7/v1",
        "http://[::1]:8000/v1",
        "http://[::ffff:127.0.0.1]:8000/v1",
        "http://localhost:8000/v1",
        "http://LOCALHOST:8000/v1",
        "http://LocalHost/v1"
      })
  void givenKeyAndLoopback_accepts(String url) {
    assertDoesNotThrow(() -> guard.checkTransport(url, true, false));
  }

  @Test
  void givenLocalhostNameResolvingPartlyOffMachine_refuses() {
    UserInputException e = refused("http://api.localhost/v1");
    assertTrue(e.getMessage().contains("10.0.0.7"), e.getMessage());
  }

  @Test
  void givenUnresolvableLocalhostName_refuses() {
    UserInputException e = refused("http://gone.localhost/v1");
    assertTrue(e.getMessage().contains("does not resolve"), e.getMessage());
  }

  @Test
  void givenNoKeyOrHttpsOrExplicitOptIn_accepts() {
    assertDoesNotThrow(() -> guard.checkTransport("http://127.0.0.1.nip.io/v1", false, false));
    assertDoesNotThrow(() -> guard.checkTransport("https://127.0.0.1.nip.io/v1", true, false));
    assertDoesNotThrow(() -> guard.checkTransport("http://127.0.0.1.nip.io/v1", true, true));
  }

  @Test
  void givenNotHttp_refuses() {
    assertThrows(
        UserInputException.class, () -> guard.checkTransport("ftp://127.0.0.1/v1", true, false));
  }

  @Test
  void pin_replacesTheHostWithTheCheckedLoopbackAddress() {
    assertEquals(
        "http://127.0.0.1:8000/v1/chat/completions",
        guard.pin("http://localhost:8000/v1/chat/completions"));
    assertEquals("http://[0:0:0:0:0:0:0:1]:9/v1", guard.pin("http://[::1]:9/v1"));
    assertEquals("http://127.0.0.1/v1?x=1", guard.pin("http://[::ffff:127.0.0.1]/v1?x=1"));
  }
}
