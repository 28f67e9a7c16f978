package org.medinstruct.llm;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.medinstruct.model.UserInputException;

/**
 * Decides whether an API key may travel over plain http to a host: only when the host is this
 * machine. A host qualifies when it is a loopback IP literal ({@code 127.0.0.1}, {@code [::1]},
 * {@code [::ffff:127.0.0.1]}), or the name {@code localhost} (or a {@code *.localhost} name, RFC
 * 6761) and every address it resolves to is a loopback address. Every other name is refused without
 * being resolved: its answer would come from DNS servers outside this machine (a name such as
 * {@code 127.0.0.1.nip.io} can point anywhere tomorrow), and a decimal form such as {@code
 * 2130706433} is not an address this client parses. {@code 0.0.0.0} is not loopback.
 *
 * <p>{@link #pin} runs again for every request (every request opens a new connection), and the
 * request then goes to the checked literal address, so a DNS or hosts-file change between the check
 * and the connection cannot move the key elsewhere. Names that do not resolve are refused.
 */
public final class LoopbackGuard {
  /** Resolves a host name; injectable so that tests never ask a real DNS server. */
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  public static final Resolver SYSTEM = InetAddress::getAllByName;
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private final Resolver resolver;

  public LoopbackGuard(Resolver resolver) {
    this.resolver = resolver;
  }

  /**
   * Refuses to send a key in clear text to anything but this machine ({@code keySet} only tells
   * whether a key is set; the key itself is never seen here). Throws {@link UserInputException}
   * (exit 2) with a message naming the host and the fix.
   */
  public void checkTransport(String baseUrl, boolean keySet, boolean allowInsecureHttp) {
    URI uri = parse(baseUrl);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new UserInputException("--llmBaseUrl must be http(s): " + baseUrl);
    }
    if (scheme.equals("http") && keySet && !allowInsecureHttp) {
      loopbackAddress(uri.getHost());
    }
  }

  /** Whether requests to this URL with this key must go through {@link #pin}. */
  public static boolean mustPin(String url, boolean keySet, boolean allowInsecureHttp) {
    return keySet && !allowInsecureHttp && "http".equalsIgnoreCase(parse(url).getScheme());
  }

  /**
   * Checks the URL's host anew and returns the URL with the host replaced by the checked loopback
   * address, so that the connection goes exactly where the check looked.
   */
  public String pin(String url) {
    URI uri = parse(url);
    InetAddress address = loopbackAddress(uri.getHost());
    String host =
        address instanceof Inet6Address
            ? "[" + address.getHostAddress() + "]"
            : address.getHostAddress();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String rest = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      rest += "?" + uri.getRawQuery();
    }
    return uri.getScheme() + "://" + host + port + rest;
  }

  /** The loopback address to use for this host, or a refusal. */
  InetAddress loopbackAddress(String rawHost) {
    if (rawHost == null || rawHost.isBlank()) {
      throw refuse("(no host)", "the URL has no host");
    }
    String host = rawHost.toLowerCase(Locale.ROOT);
    InetAddress[] addresses;
    if (host.startsWith("[") && host.endsWith("]")) {
      addresses = new InetAddress[] {literal(host.substring(1, host.length() - 1), rawHost)};
    } else if (DOTTED_QUAD.matcher(host).matches()) {
      addresses = new InetAddress[] {literal(host, rawHost)};
    } else if (host.equals("localhost") || host.endsWith(".localhost")) {
      try {
        addresses = resolver.resolve(host);
      } catch (UnknownHostException e) {
        throw refuse(rawHost, "the name does not resolve");
      }
      if (addresses == null || addresses.length == 0) {
        throw refuse(rawHost, "the name does not resolve");
      }
    } else {
      throw refuse(
          rawHost,
          "only loopback IP literals and localhost are trusted with a key over plain http");
    }
    for (InetAddress a : addresses) {
      if (!a.isLoopbackAddress()) {
        throw refuse(
            rawHost, "it resolves to " + a.getHostAddress() + ", which is not a loopback address");
      }
    }
    return addresses[0];
  }

  private static InetAddress literal(String text, String rawHost) {
    try {
      // A literal (dotted quad or IPv6 with colons) is parsed, never looked up.
      if (!text.contains(":") && !DOTTED_QUAD.matcher(text).matches()) {
        throw refuse(rawHost, "not an IP literal");
      }
      InetAddress a = InetAddress.getByName(text);
      if (!(a instanceof Inet4Address) && !(a instanceof Inet6Address)) {
        throw refuse(rawHost, "not an IP literal");
      }
      return a;
    } catch (UnknownHostException e) {
      throw refuse(rawHost, "not an IP literal");
    }
  }

  private static UserInputException refuse(String host, String why) {
    return new UserInputException(
        "refusing to send the API key over plain http to "
            + host
            + " ("
            + why
            + "); use https, a loopback address such as http://127.0.0.1:PORT, or"
            + " --allowInsecureHttp");
  }

  private static URI parse(String url) {
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--llmBaseUrl is not a URL: " + url);
    }
  }
}
