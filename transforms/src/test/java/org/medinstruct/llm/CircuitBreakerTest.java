package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.medinstruct.model.FailureKind;

class CircuitBreakerTest {
  private final CircuitBreaker breaker = new CircuitBreaker(3, 10, 0.5);

  @Test
  void tripsOnTheThirdConsecutiveKeyRefusal() {
    assertNull(breaker.onFailure(FailureKind.KEY_REFUSED, 401, "a"));
    assertNull(breaker.onFailure(FailureKind.KEY_REFUSED, 401, "b"));
    CircuitBreaker.Trip trip = breaker.onFailure(FailureKind.KEY_REFUSED, 401, "c");
    assertNotNull(trip);
    assertEquals(FailureKind.KEY_REFUSED, trip.kind());
    assertEquals(401, trip.status());
    assertEquals("c", trip.error());
    assertEquals(trip, breaker.tripped());
  }

  @Test
  void aSuccessBetweenSystemicFailuresResetsTheStreak() {
    breaker.onFailure(FailureKind.NOT_FOUND, 404, "x");
    breaker.onFailure(FailureKind.NOT_FOUND, 404, "x");
    breaker.onSuccess();
    assertNull(breaker.onFailure(FailureKind.NOT_FOUND, 404, "x"));
    assertNull(breaker.onFailure(FailureKind.NOT_FOUND, 404, "x"));
    assertNull(breaker.tripped());
  }

  @Test
  void differentSystemicKindsDoNotAddUp() {
    breaker.onFailure(FailureKind.NOT_FOUND, 404, "x");
    breaker.onFailure(FailureKind.NOT_FOUND, 404, "x");
    assertNull(breaker.onFailure(FailureKind.BAD_PARAMETER, 400, "y"));
    assertNull(breaker.onFailure(FailureKind.BAD_PARAMETER, 400, "y"));
    assertNotNull(breaker.onFailure(FailureKind.BAD_PARAMETER, 400, "y"));
  }

  @Test
  void aWorkerWithoutTheKeyTripsAtOnce() {
    assertEquals(FailureKind.NO_KEY, breaker.onFailure(FailureKind.NO_KEY, 0, "no key").kind());
  }

  @Test
  void budgetRefusalsAndStoppedRequestsAreNotOutcomes() {
    for (int i = 0; i < 50; i++) {
      assertNull(breaker.onFailure(FailureKind.BUDGET, 0, "budget"));
    }
    breaker.onFailure(FailureKind.KEY_REFUSED, 401, "a");
    breaker.onFailure(FailureKind.BUDGET, 0, "budget");
    breaker.onFailure(FailureKind.KEY_REFUSED, 401, "a");
    assertNotNull(breaker.onFailure(FailureKind.KEY_REFUSED, 401, "a"));
  }

  @Test
  void requestSpecificFailuresNeverTrip() {
    for (int i = 0; i < 100; i++) {
      assertNull(breaker.onFailure(FailureKind.BAD_REQUEST, 400, "context length"));
      assertNull(breaker.onFailure(FailureKind.RATE_LIMITED, 429, "slow down"));
    }
  }

  @Test
  void windowTripsOnlyWhenHalfOfTheLastTenFailedUnhealthily() {
    for (int i = 0; i < 6; i++) {
      breaker.onSuccess();
    }
    for (int i = 0; i < 4; i++) {
      assertNull(breaker.onFailure(FailureKind.SERVER_ERROR, 503, "down"), "4 of 10");
    }
    // The window slides: the oldest success leaves, a fifth failure enters.
    CircuitBreaker.Trip trip = breaker.onFailure(FailureKind.UNREACHABLE, 0, "timeout");
    assertNotNull(trip);
    assertEquals(FailureKind.UNREACHABLE, trip.kind());
  }

  @Test
  void windowWaitsUntilItIsFull() {
    for (int i = 0; i < 9; i++) {
      assertNull(breaker.onFailure(FailureKind.SERVER_ERROR, 500, "down"));
    }
    assertNotNull(breaker.onFailure(FailureKind.SERVER_ERROR, 500, "down"));
  }

  @Test
  void bodiesThatAreNotCompletionsAfterEveryRetryFillTheWindowLikeServerErrors() {
    for (int i = 0; i < 5; i++) {
      breaker.onSuccess();
    }
    for (int i = 0; i < 4; i++) {
      assertNull(breaker.onFailure(FailureKind.MALFORMED, 200, "<html>"), "4 of 9");
    }
    CircuitBreaker.Trip trip = breaker.onFailure(FailureKind.MALFORMED, 200, "<html>");
    assertNotNull(trip);
    assertEquals(FailureKind.MALFORMED, trip.kind());
  }

  @Test
  void scatteredServerErrorsAmongSuccessesNeverTrip() {
    for (int i = 0; i < 1000; i++) {
      if (i % 3 == 0) {
        assertNull(breaker.onFailure(FailureKind.SERVER_ERROR, 500, "blip"));
      } else {
        breaker.onSuccess();
      }
    }
  }
}
