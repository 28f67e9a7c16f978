package org.medinstruct.llm;

import com.google.api.client.util.NanoClock;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests-per-minute and tokens-per-minute limits of one worker JVM, with AIMD on 429s and
 * adaptation to OpenAI's {@code x-ratelimit-*} headers.
 *
 * <ul>
 *   <li>Limits: the configured pipeline-wide RPM/TPM times {@code 1/workerCount} ({@link
 *       LlmSettings#perWorker}); a lower {@code x-ratelimit-limit-*} from the provider (also
 *       divided by workerCount) replaces it. 0 = unlimited.
 *   <li>Request tokens are estimated as prompt characters / 4 + max_tokens, which over-counts (the
 *       completion is rarely max_tokens long), i.e. errs on the safe side.
 *   <li>Buckets hold {@value #BURST_SECONDS} s of rate, so the client never bursts more than a
 *       provider with a one-second bucket accepts.
 *   <li>{@code x-ratelimit-remaining-*}: the server's remaining count, less what this client sent
 *       after that request, plus the refill since it was sent, caps the local bucket: we never send
 *       more than the provider says remain. {@code x-ratelimit-reset-*} is used as the minimum wait
 *       after a 429 without Retry-After ({@link #resetNanos}).
 *   <li>AIMD: a 429 that says a limit is exhausted, or sustained 429s (see {@link #on429}),
 *       multiply the allowed rate by {@value #DECREASE} (at most once per second, so one burst of
 *       429s counts once); every success adds {@value #INCREASE} of the limit back, up to the
 *       limit.
 * </ul>
 */
final class RateLimiter {
  static final double BURST_SECONDS = 0.5;
  static final double DECREASE = 0.7;
  static final double INCREASE = 0.01;
  static final double MIN_FACTOR = 0.05;
  static final int SUSTAINED_MIN = 3;
  static final double SUSTAINED_SHARE = 0.05;
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  private final NanoClock clock;
  private final int workerCount;
  private double rpmLimit;
  private double tpmLimit;
  private final TokenBucket requests;
  private final TokenBucket tokens;
  private double factor = 1.0;
  private long lastDecreaseNanos = Long.MIN_VALUE;
  private long lastResetNanos;
  private final ArrayDeque<Long> recentResponses = new ArrayDeque<>();
  private final ArrayDeque<Long> recent429 = new ArrayDeque<>();

  RateLimiter(double rpmPerWorker, double tpmPerWorker, int workerCount, NanoClock clock) {
    this.clock = clock;
    this.workerCount = Math.max(1, workerCount);
    this.rpmLimit = rpmPerWorker;
    this.tpmLimit = tpmPerWorker;
    long now = clock.nanoTime();
    this.requests = new TokenBucket(rpmPerWorker / 60.0, BURST_SECONDS, now);
    this.tokens = new TokenBucket(tpmPerWorker / 60.0, BURST_SECONDS, now);
  }

  /** A reservation: how long to wait, and the sent-counters at reservation time. */
  record Ticket(long waitNanos, double requestsBefore, double tokensBefore, long reservedAtNanos) {}

  static long estimateTokens(ChatRequest r) {
    long chars = 0;
    for (ChatMessage m : r.messages()) {
      chars += m.content() == null ? 0 : m.content().length();
    }
    return chars / 4 + Math.max(0, r.maxTokens());
  }

  synchronized Ticket reserve(long estimatedTokens) {
    long now = clock.nanoTime();
    double rb = requests.reservedTotal();
    double tb = tokens.reservedTotal();
    long wait = Math.max(requests.reserve(1, now), tokens.reserve(estimatedTokens, now));
    return new Ticket(wait, rb, tb, now + wait);
  }

  synchronized void onSuccess() {
    recordResponse(false);
    if (factor < 1.0) {
      factor = Math.min(1.0, factor + INCREASE);
      applyRates();
    }
  }

  /** Counts a response that was neither a success nor a 429, for the 429 share. */
  synchronized void onOtherResponse() {
    recordResponse(false);
  }

  /**
   * A 429. The rate is cut when the provider says a limit is exhausted (remaining 0) or when 429s
   * are sustained: at least {@value #SUSTAINED_MIN} of them and {@value #SUSTAINED_SHARE} of the
   * responses in the last second. Lone 429s (overload blips) are left to the retry backoff.
   */
  synchronized void on429(LlmHttp.Response response) {
    long now = recordResponse(true);
    boolean exhausted =
        number(response.header("x-ratelimit-remaining-requests")) == 0
            || number(response.header("x-ratelimit-remaining-tokens")) == 0;
    boolean sustained =
        recent429.size() >= SUSTAINED_MIN
            && recent429.size() >= SUSTAINED_SHARE * recentResponses.size();
    if ((exhausted || sustained)
        && (lastDecreaseNanos == Long.MIN_VALUE || now - lastDecreaseNanos >= 1_000_000_000L)) {
      lastDecreaseNanos = now;
      factor = Math.max(MIN_FACTOR, factor * DECREASE);
      applyRates();
    }
  }

  private long recordResponse(boolean was429) {
    long now = clock.nanoTime();
    recentResponses.addLast(now);
    if (was429) {
      recent429.addLast(now);
    }
    long horizon = now - 1_000_000_000L;
    while (!recentResponses.isEmpty() && recentResponses.peekFirst() < horizon) {
      recentResponses.pollFirst();
    }
    while (!recent429.isEmpty() && recent429.peekFirst() < horizon) {
      recent429.pollFirst();
    }
    return now;
  }

  synchronized double factor() {
    return factor;
  }

  synchronized double requestsPerSecond() {
    return requests.rate();
  }

  private void applyRates() {
    long now = clock.nanoTime();
    requests.setRate(rpmLimit / 60.0 * factor, now);
    tokens.setRate(tpmLimit / 60.0 * factor, now);
  }

  /** Adapts to the provider's x-ratelimit headers of a response to a request sent with ticket. */
  synchronized void onHeaders(LlmHttp.Response response, Ticket ticket) {
    long now = clock.nanoTime();
    double limitReq = number(response.header("x-ratelimit-limit-requests"));
    double limitTok = number(response.header("x-ratelimit-limit-tokens"));
    boolean changed = false;
    if (limitReq > 0 && (rpmLimit <= 0 || limitReq / workerCount < rpmLimit)) {
      rpmLimit = limitReq / workerCount;
      changed = true;
    }
    if (limitTok > 0 && (tpmLimit <= 0 || limitTok / workerCount < tpmLimit)) {
      tpmLimit = limitTok / workerCount;
      changed = true;
    }
    if (changed) {
      applyRates();
    }
    double elapsedSeconds = Math.max(0, now - ticket.reservedAtNanos()) / 1e9;
    double remReq = number(response.header("x-ratelimit-remaining-requests"));
    if (remReq >= 0) {
      double sentSince = requests.reservedTotal() - ticket.requestsBefore() - 1;
      requests.capAt(remReq / workerCount - sentSince + requests.rate() * elapsedSeconds, now);
    }
    double remTok = number(response.header("x-ratelimit-remaining-tokens"));
    if (remTok >= 0) {
      double sentSince = tokens.reservedTotal() - ticket.tokensBefore();
      tokens.capAt(remTok / workerCount - sentSince + tokens.rate() * elapsedSeconds, now);
    }
    lastResetNanos =
        Math.max(
            resetDurationNanos(response.header("x-ratelimit-reset-requests")),
            resetDurationNanos(response.header("x-ratelimit-reset-tokens")));
  }

  /** The largest x-ratelimit-reset-* of the last response seen (0 if none). */
  synchronized long resetNanos() {
    return lastResetNanos;
  }

  private static double number(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Double.parseDouble(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** OpenAI durations like "1s", "6m0s", "20ms", "1h2m3.5s"; 0 when absent or unparseable. */
  static long resetDurationNanos(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    Matcher m = DURATION.matcher(header.trim().toLowerCase(Locale.ROOT));
    double seconds = 0;
    boolean any = false;
    while (m.find()) {
      any = true;
      double v = Double.parseDouble(m.group(1));
      switch (m.group(2)) {
        case "ms" -> seconds += v / 1000;
        case "s" -> seconds += v;
        case "m" -> seconds += v * 60;
        default -> seconds += v * 3600;
      }
    }
    if (!any) {
      double plain = number(header);
      seconds = plain > 0 ? plain : 0;
    }
    return (long) (seconds * 1e9);
  }
}
