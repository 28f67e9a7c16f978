package org.medinstruct.stages;

import java.util.List;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.model.MedTask;

/** Shared test fixtures for the stage tests. */
final class Fixtures {
  private Fixtures() {}

  /** Settings for a loopback endpoint: no key, no journal, fast retries. */
  static LlmSettings settings(String baseUrl, int maxRetries) {
    return new LlmSettings(
        baseUrl,
        null,
        "MEDINSTRUCT_TEST_NO_KEY",
        null,
        false,
        6000,
        0,
        32,
        maxRetries,
        10,
        null,
        false,
        0,
        null,
        1,
        null,
        org.medinstruct.llm.StopSettings.defaults(false),
        org.medinstruct.llm.Safeguards.defaults(),
        null,
        null,
        LlmSettings.AuthHeader.BEARER,
        null,
        null);
  }

  static final String CONTEXT =
      "A 58-year-old man with type 2 diabetes and hypertension presents with three days of"
          + " worsening exertional chest pressure radiating to the left arm. He smokes one pack per"
          + " day. Blood pressure is 162/94 mmHg, pulse 98 per minute. The electrocardiogram shows"
          + " 2 mm ST depression in leads V4 to V6, and the first troponin is mildly elevated. He"
          + " takes metformin and lisinopril and has no known drug allergies.";

  static MedTask task(String id, String type, String difficulty, String instruction, String input) {
    return new MedTask(
        id,
        type,
        "Cardiology",
        "Physician",
        difficulty,
        instruction,
        input,
        1,
        0,
        0,
        List.of("s1"));
  }

  static MedTask good(String id) {
    return task(
        id,
        "Open Q&A",
        "3",
        "Summarize the first steps of managing this suspected acute coronary syndrome.",
        CONTEXT);
  }
}
