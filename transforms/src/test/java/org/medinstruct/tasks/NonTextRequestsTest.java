package org.medinstruct.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The non-text blacklist: phrases in context, not clinical vocabulary. */
class NonTextRequestsTest {
  /** Medical instructions a text-only model can answer, including every phrase of issue 11. */
  static final List<String> MUST_PASS =
      List.of(
          "Calculate the MAP for a patient with a blood pressure of 120/80 mmHg.",
          "Explain how a mean arterial pressure (MAP) below 65 mmHg affects organ perfusion.",
          "Describe the steps to draw blood from a patient with difficult venous access.",
          "Explain why nurses should draw blood cultures before starting antibiotics.",
          "Describe the benefits of music therapy for patients with dementia.",
          "Explain how listening to music reduces preoperative anxiety.",
          "Compare video-assisted thoracoscopic surgery with open thoracotomy for lobectomy.",
          "Describe the role of video laryngoscopy in difficult airway management.",
          "Summarize the clinical picture of a patient with Kawasaki disease.",
          "Given the clinical picture below, suggest the most likely diagnosis.",
          "Explain how to file an incident report after a medication error.",
          "List the information that should be kept in a patient's medical file.",
          "Advise the patient on when to go to the emergency department for chest pain.",
          "Tell me when to go to the emergency room.",
          "Given an account of a patient's symptoms over time, draw conclusions about their"
              + " condition's progression and potential needs.",
          "Draw up a discharge plan for a patient after hip replacement.",
          "Explain the role of imaging in diagnosing appendicitis.",
          "Discuss how body image concerns affect adolescents with eating disorders.",
          "Describe how an image-guided liver biopsy is performed.",
          "Explain the factors that affect image quality in MRI.",
          "Explain why patients should watch for signs of infection after surgery.",
          "Listen to the patient's concerns about statin side effects and respond with empathy.",
          "Interpret the following ECG findings and suggest a diagnosis.",
          "Interpret the chest X-ray findings described in the report.",
          "Explain the process of mapping the cardiac conduction system during electrophysiology"
              + " studies.",
          "Help the patient figure out a daily medication schedule.",
          "Explain the term mirror image dextrocardia to a medical student.",
          "Write a short video script that teaches patients how to use an inhaler.",
          "Explain why nurses go together to rounds.",
          "Describe how ultrasound creates an image of the fetus.",
          "Describe what a Venn diagram of overlapping autoimmune symptoms would contain in words.",
          "Summarize the given patient's history and plot a management strategy.",
          "Describe the plot of the patient's disease course over the last year.",
          "Explain how a patient can record their blood glucose readings at home.",
          "Classify the patient's symptoms into possible diseases or conditions.",
          "Explain the difference between a CT scan and an MRI scan.",
          "Describe the mental picture patients often have of chemotherapy.",
          "Outline how to chart the patient's vital signs in the nursing notes.",
          "Describe the audiogram pattern typical of noise-induced hearing loss.",
          "Describe how to safely watch over a patient at risk of falls.",
          "Rewrite the following discharge note in plain language for the patient.",
          "Explain what a growth hormone stimulation test measures.",
          "Explain the Picture Archiving and Communication System used in radiology departments.",
          "Explain how to draw up insulin into a syringe.",
          "Create a patient education leaflet about asthma inhaler technique.",
          "Make a list of questions to ask a patient with suspected stroke.",
          "Design a weekly exercise plan for a patient with type 2 diabetes.",
          "Summarize the attached clinical note for the patient.",
          "Review the attached lab results and suggest a diagnosis.");

  /** Requests a text-only model cannot carry out. */
  static final List<String> MUST_REJECT =
      List.of(
          "Look at the attached X-ray and describe the findings.",
          "Describe the chest X-ray Image of pneumonia.",
          "Draw a diagram of the cardiac conduction system.",
          "Draw the conduction system of the heart.",
          "Plot blood pressure against age for adults.",
          "Create a flowchart for sepsis management.",
          "Watch the video of the patient's gait and identify the disorder.",
          "Listen to the audio recording of the heart sounds and name the murmur.",
          "Based on the image below, identify the skin lesion.",
          "Identify the structure labeled B in the diagram.",
          "Take a photo of the wound and upload it.",
          "Record a video explaining how to use an inhaler.",
          "Make a graph of the patient's glucose readings over the week.",
          "Create a map of malaria prevalence in Africa.",
          "Draw a picture of the lungs.",
          "Sketch the anatomy of the knee joint.",
          "Open the attached PDF and summarize the discharge letter.",
          "Download the patient's lab report file and review it.",
          "Go to the hospital website and find the visiting hours.",
          "Visit the CDC webpage and list the current travel vaccine recommendations.",
          "Transcribe the attached audio of the dictated operative note.",
          "Examine the photo of the rash and suggest a diagnosis.",
          "What does the ECG in this image show?",
          "Interpret the MRI scan shown in the figure below.",
          "Analyze the graph of heart rate variability and explain the trend.",
          "Create an infographic about hand hygiene for nurses.",
          "Design a poster that explains the stages of labor.",
          "Produce a bar chart comparing vaccination rates by age group.",
          "Generate an image of a healthy liver.",
          "Refer to the picture above and name the bone.",
          "Review the uploaded spreadsheet of patient vitals.",
          "Click on the link and complete the patient survey.",
          "Watch this YouTube clip on CPR and list the steps.",
          "Paint a picture illustrating the stages of wound healing.",
          "Photograph the patient's skin lesion for the medical record.",
          "Search the internet for the latest hypertension guidelines.",
          "Play the recording of the patient's cough and classify it.",
          "Label the parts of the brain shown in the illustration.",
          "Using the provided photograph, estimate the burn surface area.",
          "Send the discharge summary file to the patient's email.",
          "After watching the video, list the signs of respiratory distress.",
          "Summarize the article at https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123456/.",
          "Describe the findings in Figure 2.",
          "Create a flowchart of the steps in neonatal resuscitation.",
          "Make a graph of the relationship between BMI and blood pressure.",
          "Create a map of the spread of measles outbreaks.",
          "Draw a picture of a healthy heart and label its chambers.");

  @Test
  void medicalInstructions_usingClinicalVocabulary_pass() {
    assertTrue(MUST_PASS.size() >= 30);
    List<String> wrong = new ArrayList<>();
    for (String s : MUST_PASS) {
      Optional<NonTextRequests.Finding> f = NonTextRequests.find(s);
      f.ifPresent(x -> wrong.add(s + " -> " + x));
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void nonTextRequests_areRejected() {
    assertTrue(MUST_REJECT.size() >= 30);
    List<String> missed =
        MUST_REJECT.stream().filter(s -> NonTextRequests.find(s).isEmpty()).toList();
    assertEquals(List.of(), missed);
  }

  @Test
  void findings_nameTheKindAndThePhrase() {
    NonTextRequests.Finding f =
        NonTextRequests.find("Please watch the video of the gait.").orElseThrow();
    assertEquals(NonTextRequests.Kind.WATCH_OR_LISTEN, f.kind());
    assertEquals("Please watch the video", f.phrase());
    assertEquals(
        NonTextRequests.Kind.DRAW_OR_PLOT,
        NonTextRequests.find("Draw a diagram of the heart.").orElseThrow().kind());
    assertEquals(
        NonTextRequests.Kind.CAPTURE,
        NonTextRequests.find("Take a photo of the rash.").orElseThrow().kind());
    assertEquals(
        NonTextRequests.Kind.FILE_OR_WEB,
        NonTextRequests.find("Go to the clinic website and book a visit.").orElseThrow().kind());
    assertEquals(
        NonTextRequests.Kind.SEE_MEDIA,
        NonTextRequests.find("Describe the lesion in the image below.").orElseThrow().kind());
  }

  @Test
  void givenNullOrBlank_findsNothing() {
    assertEquals(Optional.empty(), NonTextRequests.find(null));
    assertEquals(Optional.empty(), NonTextRequests.find("  "));
  }
}
