package org.medinstruct.tasks;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds requests a text-only model cannot carry out: looking at an attached or shown image, video
 * or figure; watching or listening to a recording; drawing, plotting or making a picture, chart or
 * video; taking a photo or recording; opening, sending or downloading a file; going to a website.
 *
 * <p>Rules match phrases in context, never single words that are also clinical vocabulary: "draw
 * blood", "draw conclusions", "music therapy", "video-assisted surgery", "the clinical picture",
 * "body image", "MAP" (mean arterial pressure), "file an incident report" and "go to the emergency
 * department" all pass. A media noun counts only as the head of its phrase (followed by the end, a
 * punctuation mark or a function word such as "of", "below", "shows"), so "video laryngoscopy" and
 * "image quality" pass while "the image below" and "a diagram of the heart" do not.
 * Case-insensitive.
 */
public final class NonTextRequests {
  /** What kind of non-text act a rule finds; {@link #sentence()} is for humans. */
  public enum Kind {
    SEE_MEDIA("asks the model to look at an image, figure, video or file it cannot see"),
    WATCH_OR_LISTEN("asks the model to watch a video or listen to a recording"),
    DRAW_OR_PLOT("asks the model to draw, plot or make a picture, chart, map or video"),
    CAPTURE("asks the model to take a photo or record audio or video"),
    FILE_OR_WEB("asks the model to open, send or download a file or to go to a website");

    private final String sentence;

    Kind(String sentence) {
      this.sentence = sentence;
    }

    public String sentence() {
      return sentence;
    }
  }

  /** One finding: the kind and the phrase that matched. */
  public record Finding(Kind kind, String phrase) {}

  // A noun is the head of its phrase when the end, punctuation or a function word follows it.
  private static final String HEAD =
      "(?![\\w-])(?=\\s*(?:$|[.,;:!?)\"'’]|(?:of|in|on|from|below|above|and|or|to|that|which|showing|shows|shown"
          + "|show|provided|attached|for|with|at|here|depicting|displaying|where|when|is|are|you|it|taken"
          + "|recorded|labeled|labelled|illustrating|comparing|about|explaining|describing|summarizing"
          + "|highlighting|representing|using|by)\\b))";
  private static final String MEDIA_ALT =
      "images?|photos?|photographs?|pictures?|videos?|video\\s+clips?|audio\\s+clips?|footage"
          + "|audio|recordings?|animations?|infographics?|screenshots?|diagrams?|flow\\s*charts?"
          + "|graphs?|illustrations?|figure|drawings?|sketch(?:es)?|x-?ray\\s+films?|radiograph\\s+images?"
          + "|slides?|scans?\\s+images?|pie\\s+charts?|bar\\s+charts?|line\\s+charts?|growth\\s+charts?";
  private static final String MEDIA = "(?<noun>" + MEDIA_ALT + ")";
  private static final String FILE_ALT =
      "files?|pdfs?|spreadsheets?|excel\\s+sheets?|csv|attachments?|links?|urls?|folders?|zip";
  private static final String FILE_NOUN = "(?<noun>" + FILE_ALT + ")";
  private static final String WORDS = "(?:[\\w'’/-]+\\s+){0,3}?";
  private static final String DET =
      "(?:(?:the|this|that|these|those|an?|your|my|our|some|following)\\s+)?";
  // An imperative position: the start, a sentence start, or after "and", "then" or a comma.
  private static final String IMPERATIVE =
      "(?:^|(?<=[.!?:;]\\s)|(?<=\\n"
          + ")|(?<=\\band\\s)|(?<=\\bthen\\s)|(?<=,\\s))\\s*(?:please\\s+|now\\s+|also\\s+)?";

  private record Rule(Kind kind, Pattern pattern) {}

  private static final List<Rule> RULES =
      List.of(
          // "the attached X-ray", "the uploaded spreadsheet" (not "the attached note": text the
          // input can hold).
          rule(
              Kind.SEE_MEDIA,
              "\\b(?:attached|uploaded|enclosed|pictured)\\s+"
                  + WORDS
                  + "(?<noun>"
                  + MEDIA_ALT
                  + "|"
                  + FILE_ALT
                  + "|x-?rays?|radiographs?|scans?|ecg\\s+tracings?)"
                  + "(?![\\w-])"),
          // "this image", "the following figure", "the provided photograph".
          rule(
              Kind.SEE_MEDIA,
              "\\b(?:this|these|the\\s+following|the\\s+above|the\\s+below|the\\s+provided"
                  + "|the\\s+given|the\\s+accompanying|the\\s+shown|the\\s+displayed|an\\s+attached)\\s+"
                  + "(?:[\\w'’-]+\\s+){0,2}?"
                  + MEDIA
                  + HEAD),
          // "the image below", "the graph shows".
          rule(
              Kind.SEE_MEDIA,
              "\\b"
                  + MEDIA
                  + "\\s+(?:below|above|shown|provided|attached|here|shows|depicts"
                  + "|illustrates|displays)\\b"),
          // "Figure 2", "fig. 3".
          rule(Kind.SEE_MEDIA, "\\b(?<noun>fig(?:ure)?\\.?)\\s*\\d+\\b"),
          // "look at the photo of", "describe the X-ray image", "based on a graph".
          rule(
              Kind.SEE_MEDIA,
              "\\b(?:look(?:ing)?\\s+at|view|see|observe|examine|inspect|analy[sz]e|interpret"
                  + "|describe|review|study|read|check|label|annotate|caption|refer(?:ring)?\\s+to"
                  + "|based\\s+on|according\\s+to|shown\\s+in|depicted\\s+in|seen\\s+in|visible\\s+in)\\s+"
                  + DET
                  + "(?:[\\w'’-]+\\s+){0,2}?"
                  + MEDIA
                  + HEAD),
          // "in the diagram", "from the video", "using this photograph": a specific medium.
          rule(
              Kind.SEE_MEDIA,
              "\\b(?:in|on|from|using|with)\\s+(?:the|this|these|that|those|each)\\s+"
                  + "(?:[\\w'’-]+\\s+){0,2}?"
                  + MEDIA
                  + HEAD),
          // "Watch the video", "listen to the recording", "after watching the clip".
          rule(
              Kind.WATCH_OR_LISTEN,
              "(?:"
                  + IMPERATIVE
                  + "|(?<=\\bafter\\s)|(?<=\\bwhile\\s)|(?<=\\bby\\s))"
                  + "(?:watch(?:ing)?|listen(?:ing)?\\s+to|hear|play(?:ing)?|view(?:ing)?)\\s+"
                  + DET
                  + "(?:[\\w'’-]+\\s+){0,2}?(?<noun>videos?|clips?|footage|films?|movies?|recordings?|audio"
                  + "|tapes?|podcasts?|webinars?|youtube|voicemails?|voice\\s+(?:messages?|notes?|memos?)"
                  + "|sound\\s+files?|animations?)(?![\\w-])"),
          rule(
              Kind.WATCH_OR_LISTEN,
              IMPERATIVE
                  + "transcribe\\s+"
                  + DET
                  + "(?:[\\w'’-]+\\s+){0,2}?"
                  + "(?<noun>audio|recordings?|dictation|voicemails?|tapes?|videos?|calls?|podcasts?)(?![\\w-])"),
          // "Draw a diagram", "create a flowchart", "make a graph", "generate an image".
          rule(
              Kind.DRAW_OR_PLOT,
              IMPERATIVE
                  + "(?:draw|sketch|paint|create|make|produce|generate|design"
                  + "|construct|build|prepare|render|plot|show|provide|give)\\s+(?:me\\s+|us\\s+)?"
                  + DET
                  + "(?:[\\w'’-]+\\s+){0,3}?(?<noun>diagrams?|flow\\s*charts?|graphs?|plots?|scatter\\s*plots?"
                  + "|histograms?|pie\\s+charts?|bar\\s+charts?|line\\s+charts?|growth\\s+charts?|maps?|mind\\s*maps?"
                  + "|pictures?|images?|drawings?|sketch(?:es)?|illustrations?|infographics?|posters?|videos?"
                  + "|animations?|cartoons?|logos?|photos?|photographs?|slides?|slideshows?|slide\\s+decks?"
                  + "|powerpoints?|visuals?|visualizations?|visualisations?)"
                  + HEAD),
          // "Draw the conduction system", "Sketch the knee" (but "draw blood", "draw conclusions").
          rule(
              Kind.DRAW_OR_PLOT,
              IMPERATIVE
                  + "(?:draw|sketch|paint)\\s+"
                  + "(?!(?:blood|conclusions?|up|on|upon|from|out|attention|a\\s+distinction|distinctions?"
                  + "|comparisons?|parallels?|inferences?|lessons?|insights?|fluids?|samples?|specimens?"
                  + "|back|in|into|off|near|together|a\\s+line\\s+between|the\\s+line\\s+between)\\b)\\w"),
          // "Plot blood pressure against age", "Graph the readings".
          rule(
              Kind.DRAW_OR_PLOT,
              IMPERATIVE
                  + "(?:plot|graph|chart\\s+out|diagram)\\s+"
                  + "(?!(?:a|an|out|our|your|their)\\s+(?:[\\w-]+\\s+)?(?:strategy|course|plan|route|path|approach)\\b)\\w"),
          // "Take a photo", "record a video", "photograph the wound".
          rule(
              Kind.CAPTURE,
              IMPERATIVE
                  + "(?:take|snap|capture|shoot|record|film|make)\\s+"
                  + DET
                  + "(?:[\\w'’-]+\\s+){0,2}?(?<noun>photos?|photographs?|pictures?|images?|videos?|selfies?"
                  + "|screenshots?|audio\\s+recordings?|voice\\s+(?:memos?|notes?|recordings?)|podcasts?)"
                  + "(?![\\w-])"),
          rule(
              Kind.CAPTURE,
              IMPERATIVE + "(?:photograph|videotape|film)\\s+(?:the|this|a|an|your)\\b"),
          // "Open the attached PDF", "send the file", "download the report file".
          rule(
              Kind.FILE_OR_WEB,
              IMPERATIVE
                  + "(?:open|download|upload|attach|save|export|print|fax|e-?mail"
                  + "|send|forward)\\s+(?:the|this|that|these|a|an|your|it|them|my)?\\s*"
                  + "(?:[\\w'’-]+\\s+){0,3}?"
                  + FILE_NOUN
                  + "(?![\\w-])"),
          // "Go to the website", "visit the CDC webpage", "click the link", "search the internet".
          rule(
              Kind.FILE_OR_WEB,
              IMPERATIVE
                  + "(?:go\\s+to|visit|browse|open|navigate\\s+to|click(?:\\s+on)?"
                  + "|log\\s*(?:in|on)(?:\\s+to)?|sign\\s+in\\s+to|search|check|look\\s+up|google)\\s+"
                  + "(?:the|this|a|an|our|your|their|following)?\\s*(?:[\\w'’.-]+\\s+){0,2}?"
                  + "(?<noun>websites?|web\\s+sites?|webpages?|web\\s+pages?|links?|urls?|internet|web|online"
                  + "|google|youtube|browser)(?![\\w-])"),
          // A web address in the instruction.
          rule(Kind.FILE_OR_WEB, "(?<noun>https?://\\S+|\\bwww\\.\\S+)"));

  /** Words that make "picture" or "image" clinical or figurative rather than a medium. */
  private static final Set<String> NOT_MEDIA_BEFORE =
      Set.of(
          "clinical",
          "full",
          "big",
          "bigger",
          "overall",
          "complete",
          "whole",
          "general",
          "symptom",
          "symptomatic",
          "disease",
          "blood",
          "mental",
          "typical",
          "classic",
          "classical",
          "characteristic",
          "radiological",
          "histological",
          "pathological",
          "body",
          "self",
          "mirror",
          "negative",
          "positive",
          "poor",
          "distorted",
          "public",
          "professional",
          "clear",
          "accurate",
          "broader",
          "wider",
          "true");

  private NonTextRequests() {}

  private static Rule rule(Kind kind, String regex) {
    return new Rule(kind, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }

  /** The first non-text request in {@code text}, or empty. Never throws; null is empty. */
  public static Optional<Finding> find(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(text);
      while (m.find()) {
        if (!clinicalPicture(text, m)) {
          return Optional.of(new Finding(r.kind(), m.group().strip()));
        }
      }
    }
    return Optional.empty();
  }

  /** True when the matched noun is "picture"/"image" right after a clinical or figurative word. */
  private static boolean clinicalPicture(String text, Matcher m) {
    int start;
    String noun;
    try {
      start = m.start("noun");
      noun = m.group("noun");
    } catch (IllegalArgumentException noGroup) {
      return false;
    }
    if (noun == null || !noun.toLowerCase().matches("pictures?|images?")) {
      return false;
    }
    String before = text.substring(0, start).stripTrailing();
    if (before.endsWith("-")) {
      before = before.substring(0, before.length() - 1);
    }
    int i = before.length();
    while (i > 0 && Character.isLetter(before.charAt(i - 1))) {
      i--;
    }
    return NOT_MEDIA_BEFORE.contains(before.substring(i).toLowerCase());
  }
}
