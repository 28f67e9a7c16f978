package org.medinstruct.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one clean medical task of a given format, the way GPT-4 does for the AlpaCare prompt.
 *
 * <p>Instructions come from patterns with alternation groups {@code [a|b|c]} and slots {@code {C}}
 * (see {@link #slots}), followed by an optional context tail (setting, population, audience) and
 * focus clause. Fixed wording is kept short relative to the varying parts, so two unrelated tasks
 * only pass ROUGE-L 0.7 when several independent choices coincide.
 */
final class TaskTemplates {
  static final String NO_INPUT = "<noinput>";

  static final List<String> TYPES =
      List.of(
          "Text generation",
          "Open Q&A",
          "Chat",
          "Rewrite",
          "Summarization",
          "Classification",
          "USMLE-style Q&A",
          "Multiple-choice Q&A",
          "Single-hop reasoning",
          "Multi-hop reasoning");

  /** A generated task before formatting. */
  record Task(
      String type, String topic, String view, int difficulty, String instruction, String input) {
    Task withInstruction(String i) {
      return new Task(type, topic, view, difficulty, i, input);
    }

    Task withInput(String in) {
      return new Task(type, topic, view, difficulty, instruction, in);
    }
  }

  /** What goes in the Input field. */
  enum In {
    NONE,
    VIGNETTE,
    NOTE,
    MESSAGE,
    ABSTRACT,
    REPORT,
    MEDLIST,
    STATEMENTS,
    MCQ,
    USMLE
  }

  /** A pattern with its input kind; {@code lay} marks first-person patient wording. */
  record Pattern0(In in, boolean lay, String text) {}

  private static Pattern0 p(In in, String text) {
    return new Pattern0(in, false, text);
  }

  private static Pattern0 lay(In in, String text) {
    return new Pattern0(in, true, text);
  }

  private static final String EXPLAIN =
      "[Explain|Describe|Outline|Discuss|Clarify|Elaborate on|Detail|Walk me through"
          + "|Provide an overview of|Give a concise account of|Briefly review|Help me understand"
          + "|Summarize|Break down]";

  // Shared alternation groups: the more independent choices, the rarer accidental near-copies.
  private static final String BELOW = "[below|provided|given here|that follows|attached]";
  private static final String CASE = "[case|vignette|scenario|presentation|history]";
  private static final String FINDINGS = "[findings|data|results|details|information]";
  private static final String IDENTIFY = "[identify|determine|name|state|work out|pinpoint]";
  private static final String WRITE = "[Write|Draft|Compose|Prepare|Create|Produce|Develop]";
  private static final String FOR = "[for|aimed at|tailored to|intended for|suitable for]";
  private static final String DX =
      "[diagnosis|most likely condition|underlying disorder" + "|probable cause|leading diagnosis]";
  private static final String TREAT =
      "[first-line treatment|initial therapy|best drug"
          + "|preferred management|most appropriate therapy]";
  private static final String TESTQ =
      "[first investigation|initial test|key test to order"
          + "|confirmatory study|most useful investigation]";
  private static final String QUESTION = "[question|item|problem|exam question|quiz question]";
  private static final String SOLVE = "[Answer|Solve|Work through|Tackle|Attempt|Respond to]";
  private static final String CHOOSE = "[choose|select|pick|find|identify|give]";
  private static final String RIGHT = "[correct|best|right|single best|most appropriate]";
  private static final String ANSWER = "[answer|option|choice|response]";
  private static final String SIMPLE =
      "[plain language|simple terms|everyday words|lay terms" + "|easy-to-read English]";
  private static final String PATIENTS = "[patients|people|adults|individuals|those]";

  static final Map<String, List<Pattern0>> PATTERNS =
      Map.of(
          "Text generation",
              List.of(
                  p(
                      In.NONE,
                      WRITE
                          + " a {DOC} "
                          + FOR
                          + " {AUD} [about|on|covering|explaining]"
                          + " [the {ASP} of {C}|{ASP} in {C}|how to approach {C}]"),
                  p(
                      In.NONE,
                      WRITE
                          + " a {DOC} for [a patient|someone|an adult|a person] with {C} who [has"
                          + " just started|is about to begin|was recently prescribed|is unsure"
                          + " about] {CDRUG}"),
                  p(
                      In.NONE,
                      WRITE
                          + " a {DOC} [explaining|describing|detailing|on] [how|why|when] {D} is"
                          + " used for {DUSE} and [how to handle|what to do about|how to"
                          + " prevent|how to recognize] {DAE}"),
                  p(
                      In.NONE,
                      WRITE
                          + " a {DOC} [for|targeting|addressed to] {P} [on|about]"
                          + " [reducing|lowering|minimizing|cutting] [the|their]"
                          + " [risk|chance|likelihood] of {C}"),
                  p(
                      In.NONE,
                      WRITE
                          + " a {DOC} on [the role|the value|the limitations|the pitfalls] of"
                          + " {TEST} in [diagnosing|monitoring|ruling out|staging] {C}"),
                  p(
                      In.NONE,
                      WRITE
                          + " [an engaging|a clear|a short|a persuasive] {DOC} that"
                          + " [helps|teaches|encourages] {AUD} [to recognize|to spot|to take"
                          + " seriously] {SYM} as [a possible sign|an early warning sign|a red"
                          + " flag] of {C}"),
                  p(
                      In.NONE,
                      WRITE
                          + " a {N}-[point|step|item|part] {DOC} [covering|on|about|summarizing]"
                          + " {ASP} [for|in|related to] {C}"),
                  p(
                      In.NONE,
                      WRITE
                          + " a {DOC} [comparing|contrasting|weighing] {C} [and|with|against]"
                          + " {C2} "
                          + FOR
                          + " {AUD}"),
                  p(
                      In.NONE,
                      WRITE
                          + " [an informative paragraph|a short text|a few paragraphs|a brief"
                          + " piece] about {DCLASS} [drugs|medicines|agents|therapy] such as {D},"
                          + " [including|covering|noting|with] their [benefits and risks|uses and"
                          + " side effects|role in {DUSE}|main hazards]"),
                  p(
                      In.NONE,
                      WRITE
                          + " a {DOC} [describing|on|about|explaining] what {P} should know"
                          + " about {COMP} [after|following|once they receive] a diagnosis of {C}"),
                  p(
                      In.NOTE,
                      "[Using|Based on|Drawing on|From|With] the "
                          + FINDINGS
                          + " "
                          + BELOW
                          + ","
                          + " [write|draft|prepare|compose|produce] a {DOC} "
                          + FOR
                          + " {AUD}"),
                  p(
                      In.VIGNETTE,
                      "[Turn|Convert|Rework|Transform|Adapt] the "
                          + CASE
                          + " "
                          + BELOW
                          + " into a {DOC} "
                          + FOR
                          + " {AUD}"),
                  p(
                      In.VIGNETTE,
                      WRITE
                          + " a {DOC} for this {PT} [based on|using|from|drawing on] the"
                          + " "
                          + FINDINGS
                          + " "
                          + BELOW),
                  lay(
                      In.NONE,
                      "[Write|Draft|Help me write|Compose] a [short|brief|polite|clear]"
                          + " [message|email|note|letter] to my [doctor|GP|nurse|specialist]"
                          + " [describing|about|explaining] my {SYM} and asking [whether|if] it"
                          + " could be {C}"),
                  lay(
                      In.NONE,
                      "[Help me write|Write|Draft|Compose] a [note|message|letter|text] to my {REL}"
                          + " [explaining|about|describing] my [new|recent] diagnosis of {C} and"
                          + " what {CDRUG} [does|is for|might do]"),
                  lay(
                      In.NONE,
                      "[Draft|Write|Make|Prepare] a [list|set|handful] of questions I"
                          + " [can|should|could|want to] [bring|take|ask] [to|at] my"
                          + " [appointment|next visit|check-up|consultation] about {C} and its"
                          + " {ASP}")),
          "Open Q&A",
              List.of(
                  p(In.NONE, "What are the {ASP} of {C} in {P}?"),
                  p(
                      In.NONE,
                      "[How|In what way] does {D} [work|act|function] as a {DCLASS}, and"
                          + " [why|how|in whom] can it cause {DAE}?"),
                  p(
                      In.NONE,
                      EXPLAIN
                          + " [the {ASP} of {C}|{ASP} in {C}|what is known about {ASP} for"
                          + " {C}]"),
                  p(
                      In.NONE,
                      "[Why is|How useful is|When is|How reliable is] {TEST} [in|for|during] the"
                          + " [evaluation|workup|follow-up|assessment] of {C} in {P}?"),
                  p(
                      In.NONE,
                      EXPLAIN
                          + " the [function|anatomy|role|structure] of the {AN} and [how|why|to"
                          + " what extent] it is [affected|involved|damaged|altered] in {C}"),
                  p(
                      In.NONE,
                      "What [is the difference|are the key differences|distinguishes|separates] {C}"
                          + " [from|and] {C2} [in terms of|regarding|with respect to|when it comes"
                          + " to] {ASP}?"),
                  p(
                      In.NONE,
                      "How should {D} [therapy|dosing|treatment|use] be [adjusted|modified"
                          + "|monitored|approached] for {P} {S}?"),
                  p(
                      In.NONE,
                      "[Which|What] [factors|conditions|features|exposures] [increase|raise"
                          + "|predict|worsen] the [risk|odds|likelihood] of {COMP} in "
                          + PATIENTS
                          + " with {C}?"),
                  p(
                      In.NONE,
                      "What [mechanisms|processes|pathways|changes] [link|connect|tie] {C} to"
                          + " {COMP}, and how can they be"
                          + " [interrupted|prevented|slowed|detected]?"),
                  p(
                      In.NONE,
                      "When should [a clinician|a doctor|a nurse|a pharmacist|a GP]"
                          + " [suspect|consider|test for] {C} in a {PT} [presenting"
                          + " with|reporting|complaining of|with] {SYM}?"),
                  p(
                      In.NONE,
                      "What [evidence|data|trial results|guidance] [supports|backs|justifies]"
                          + " [using|prescribing|choosing] {CDRUG} for {C} in {P}?"),
                  p(
                      In.NONE,
                      "How is {C} [typically|usually|best|currently] [diagnosed and"
                          + " managed|identified and treated|recognized and followed up|confirmed"
                          + " and controlled] {S}?"),
                  p(
                      In.VIGNETTE,
                      "[Considering|Based on|Given|From] the "
                          + CASE
                          + " "
                          + BELOW
                          + ","
                          + " what [are|is] the "
                          + DX
                          + " and [next step|best initial test|top priority"
                          + "|safest plan]?"),
                  p(
                      In.VIGNETTE,
                      "[Read|Review|Look at|Study] the "
                          + CASE
                          + " "
                          + BELOW
                          + " and [explain|describe|discuss|outline] the {ASP} [relevant|most"
                          + " relevant|that matter|that apply] to this {PT}"),
                  lay(
                      In.NONE,
                      "I was [recently|just|newly] diagnosed with {C}. What should I know"
                          + " about [the|its] {ASP}?"),
                  lay(
                      In.NONE,
                      "My {REL} [takes|is on|was prescribed|uses] {D} for {DUSE}. Is {DAE}"
                          + " something we should [worry about|report to the doctor|watch for at"
                          + " home|be concerned about]?"),
                  lay(
                      In.NONE,
                      "I'm {AGE} and [keep getting|have had|often notice|am bothered by] {SYM}."
                          + " Could this be {C}, and [what should I do|who should I see|is it"
                          + " serious]?"),
                  lay(
                      In.NONE,
                      "Is it [safe|okay|a good idea|risky] for me to [take|start|keep taking]"
                          + " {D} if I have {C}?"),
                  lay(
                      In.NONE,
                      "How can I [lower|reduce|cut|minimize] my [chances|risk|odds] of"
                          + " [getting|developing|ending up with] {COMP} now that I have {C}?"),
                  lay(
                      In.NONE,
                      "What happens during {TEST}, and how [should|can|do] I prepare [for"
                          + " it|beforehand|on the day] if [I might have|my doctor suspects|I have]"
                          + " {C}?")),
          "Chat",
              List.of(
                  p(
                      In.MESSAGE,
                      "[Respond to|Reply to|Answer|Chat with] {AUD} who [asks|wants to know"
                          + "|is wondering] how {C} is [treated|managed|controlled|diagnosed]"),
                  p(
                      In.MESSAGE,
                      "[Act as|Play the role of|Take the part of|Pretend to be] a {ROLE} and [reply"
                          + " to|address|respond to|ease] the patient's"
                          + " [concerns|questions|worries|doubts] about"
                          + " [starting|taking|stopping|switching to] {CDRUG}"),
                  p(
                      In.MESSAGE,
                      "[Continue|Carry on|Pick up|Keep going with] the [conversation|chat|dialogue]"
                          + " with a patient [worried|anxious|concerned|upset] about {SYM} and"
                          + " [advise on|suggest|recommend|explain] [next steps|what to do|when to"
                          + " seek help]"),
                  p(
                      In.NONE,
                      "[Reassure|Support|Talk with|Comfort] a [caller|visitor|relative|client]"
                          + " whose {REL} was [just|recently|newly] diagnosed with {C} and"
                          + " [explain|go over|describe] the {ASP}"),
                  p(
                      In.MESSAGE,
                      "[Reply|Respond|Write back] [empathetically|kindly|professionally"
                          + "|clearly] to the [message|question|chat message] "
                          + BELOW
                          + " as a {ROLE}"),
                  p(
                      In.MESSAGE,
                      "[Answer|Address|Handle] the [patient's|user's|caller's] [question"
                          + "|message|concern] "
                          + BELOW
                          + " in a [warm|friendly|calm|supportive] [conversational|chatty|informal]"
                          + " tone, [mentioning|covering|touching on] {ASP}"),
                  p(
                      In.MESSAGE,
                      "[Engage in|Hold|Start|Conduct] a [dialogue|conversation|chat] with this {PT}"
                          + " to [clarify|explore|understand|assess] their {SYM} and"
                          + " [suggest|recommend|propose] [appropriate care|a plan|next steps]"),
                  lay(
                      In.MESSAGE,
                      "[Ask for advice|Seek guidance|Ask your doctor|Get some tips] about"
                          + " [the|managing the|coping with the] {ASP} of {C}"),
                  lay(
                      In.NONE,
                      "Ask your [doctor|pharmacist|nurse|GP] whether {D} is [right|suitable"
                          + "|safe|worth trying] for you given your {C}"),
                  lay(
                      In.MESSAGE,
                      "[Seek guidance|Ask for help|Ask|Get advice] on [coping with|managing"
                          + "|living with|easing] {SYM} while waiting for {TEST}"),
                  lay(
                      In.MESSAGE,
                      "[Start|Open|Begin|Have] a [conversation|chat|talk] with a {ROLE}"
                          + " about your {REL}'s {C}"),
                  lay(
                      In.MESSAGE,
                      "Ask [questions|for tips|for advice] [regarding|about|on] managing"
                          + " {C} [effectively|day to day|at home|at work] as one of the {P}")),
          "Rewrite",
              List.of(
                  p(
                      In.NOTE,
                      "[Rewrite|Rephrase|Reword|Redo] the [clinical note|record|entry|note]"
                          + " "
                          + BELOW
                          + " about {C} in "
                          + SIMPLE
                          + " for {AUD}"),
                  p(
                      In.REPORT,
                      "[Paraphrase|Reword|Rewrite|Recast] the [report|findings|results|text]"
                          + " "
                          + BELOW
                          + " so that {AUD} can [understand|follow|make sense of] [it"
                          + "|them]"),
                  p(
                      In.NOTE,
                      "[Convert|Transform|Turn|Reshape] the [clinical note|record|entry] "
                          + BELOW
                          + " into a {DOC} "
                          + FOR
                          + " {AUD}"),
                  p(
                      In.REPORT,
                      "[Simplify|Explain simply|Rewrite simply|Demystify] the [report|results"
                          + "|findings|scan report] "
                          + BELOW
                          + " for {AUD} who [is anxious|worries|feels"
                          + " confused] about {C}"),
                  p(
                      In.ABSTRACT,
                      "[Rewrite|Recast|Adapt|Rework] this [research abstract|study summary"
                          + "|trial report|paper summary] on {CDRUG} as a {DOC} for {P}"),
                  p(
                      In.NOTE,
                      "[Translate|Convert|Change] the [medical jargon|technical terms"
                          + "|abbreviations] in the [passage|note|text|record] "
                          + BELOW
                          + " into "
                          + SIMPLE
                          + " for {AUD}"),
                  p(
                      In.NOTE,
                      "[Restructure|Reorganize|Rewrite|Reformat] the [note|record|entry] "
                          + BELOW
                          + " [into|as] [SOAP format|a problem list|clear headings|a structured"
                          + " template] [suitable for|for|usable by] a {ROLE}"),
                  p(
                      In.REPORT,
                      "[Make|Rewrite|Edit|Revise] the [text|report|passage] "
                          + BELOW
                          + " to be [more concise and professional|shorter and clearer|more"
                          + " formal|less alarming] for the {SPEC} team"),
                  p(
                      In.ABSTRACT,
                      "[Rephrase|Rewrite|Retell|Reword] the [findings|abstract|results|study]"
                          + " "
                          + BELOW
                          + " in a [compassionate|neutral|plain|hopeful] tone "
                          + FOR
                          + " {AUD}")),
          "Summarization",
              List.of(
                  p(
                      In.ABSTRACT,
                      "[Summarize|Condense|Recap|Distill] the [key|main|principal|major]"
                          + " [findings|results|messages] of the [study|trial|paper|research] "
                          + BELOW
                          + " on {CDRUG} for {C} in {N} [sentences|lines|bullet points]"),
                  p(
                      In.NOTE,
                      "[Provide|Write|Give|Produce] a [concise|short|brief|compact] summary of"
                          + " the [clinical note|record|note|entry] "
                          + BELOW
                          + ", [highlighting|focusing on"
                          + "|emphasizing|drawing out] the {ASP}"),
                  p(
                      In.VIGNETTE,
                      "[Condense|Shorten|Summarize|Compress] this "
                          + CASE
                          + " of a {PT} with"
                          + " {SYM} into a {N}-line [handover|summary|update|sign-out] for {AUD}"),
                  p(
                      In.VIGNETTE,
                      "[Summarize|Abstract|Recap|Boil down] the [patient history|clinical"
                          + " story|case|history] "
                          + BELOW
                          + " for a [referral|letter|consult request"
                          + "|transfer note] to {SPEC} {S}"),
                  p(
                      In.ABSTRACT,
                      WRITE
                          + " a {N}-sentence [summary|synopsis|digest|precis] of the"
                          + " [text|abstract|article|report] "
                          + BELOW
                          + " "
                          + FOR
                          + " {AUD}"),
                  p(
                      In.NOTE,
                      "[Extract|Pull out|List|Capture] the [main|key|important|essential] points"
                          + " about {C} from the [passage|note|record|text] "
                          + BELOW
                          + " as [a short"
                          + " bullet list|brief bullets|key points|a numbered list]"),
                  p(
                      In.REPORT,
                      "[Give|Write|Provide|Draft] a [brief|quick|one-minute|short] overview of"
                          + " the [report|results|investigation] "
                          + BELOW
                          + " that a {ROLE} could [read"
                          + "|use|skim] [quickly|at handover|on rounds|between patients]"),
                  p(
                      In.ABSTRACT,
                      "[Boil down|Distill|Reduce|Condense] the [abstract|study|trial summary"
                          + "|paper] "
                          + BELOW
                          + " into a [take-home message|key message|one-line"
                          + " conclusion|practical point] for {P}")),
          "Classification",
              List.of(
                  p(
                      In.MEDLIST,
                      "[Classify|Group|Categorize|Sort] the [medications|drugs|prescriptions"
                          + "|medicines] "
                          + BELOW
                          + " by {MEDCRIT} "
                          + FOR
                          + " {AUD}"),
                  p(
                      In.MEDLIST,
                      "[Sort|Divide|Organize|Arrange] the [drugs|medications|items|medicines]"
                          + " [listed|named|shown] "
                          + BELOW
                          + " into [groups|categories|classes|sets]"
                          + " [according to|based on|by] {MEDCRIT}"),
                  p(
                      In.NOTE,
                      "[Classify|Grade|Rate|Score|Judge] [the severity of|how severe|the stage"
                          + " of|the degree of control of] {C} [in the|in this|for the]"
                          + " [case|note|record|entry] "
                          + BELOW
                          + " [as mild, moderate or severe|on a three-point scale|using"
                          + " standard criteria|and justify the grade|with reference to guideline"
                          + " categories]"),
                  p(
                      In.MESSAGE,
                      "[Categorize|Classify|Group|Sort] the [symptoms|complaints|problems|issues]"
                          + " [reported|described|mentioned|raised] by this {PT} [according to|by]"
                          + " [organ system|likely cause|urgency|body region]"),
                  p(
                      In.VIGNETTE,
                      "[Determine|Decide|Judge|Assess] whether the "
                          + CASE
                          + " "
                          + BELOW
                          + " [is more consistent with|better fits|points towards|suggests] {C},"
                          + " {C2} or {C3}"),
                  p(
                      In.STATEMENTS,
                      "[Label|Mark|Classify|Tag] each of the [statements|claims|sentences"
                          + "|assertions] "
                          + BELOW
                          + " about {C} as [true or false|correct or incorrect"
                          + "|fact or myth]"),
                  p(
                      In.STATEMENTS,
                      "[Decide|State|Indicate|Say] whether each [statement|claim"
                          + "|assertion] "
                          + BELOW
                          + " about {C} is [accurate|correct|evidence-based|true],"
                          + " [giving|with|adding] a [one-line|brief|short] [reason|justification"
                          + "|explanation]"),
                  p(
                      In.MESSAGE,
                      "[Triage|Classify|Prioritize|Sort] the [patient|caller|person|user]"
                          + " [described|writing|messaging] "
                          + BELOW
                          + " as [emergent, urgent or routine"
                          + "|needing same-day care or not|red, amber or green|high, medium or low"
                          + " priority]"),
                  p(
                      In.VIGNETTE,
                      "[Assign|Route|Refer|Direct] the "
                          + CASE
                          + " "
                          + BELOW
                          + " to the [most appropriate|best|right|correct]"
                          + " [specialty|clinic|service|team], [choosing|deciding] between {SPEC}"
                          + " and {SPEC2}")),
          "USMLE-style Q&A",
              List.of(
                  p(
                      In.USMLE,
                      SOLVE
                          + " the [following|below|attached|next] USMLE-style "
                          + QUESTION
                          + " about a {PT} with {SYM}"),
                  p(
                      In.USMLE,
                      "[Select|Choose|Find|Give] the "
                          + RIGHT
                          + " "
                          + ANSWER
                          + " for the {PT}"
                          + " [presenting with|who has|reporting|complaining of|with] {SYM}"),
                  p(
                      In.USMLE,
                      "[Read|Review|Study|Analyze] the "
                          + CASE
                          + " of the {PT} with {SYM} and"
                          + " "
                          + CHOOSE
                          + " the "
                          + RIGHT
                          + " "
                          + ANSWER),
                  p(
                      In.USMLE,
                      SOLVE
                          + " this [board-style|exam-style|licensing-exam|Step-style] "
                          + QUESTION
                          + " [on|about|concerning|involving] a {PT} with {SYM}"),
                  p(
                      In.USMLE,
                      SOLVE
                          + " the Step [1|2 CK|3]-style "
                          + CASE
                          + " about the {PT} [with"
                          + "|reporting|who has] {SYM}"),
                  p(
                      In.USMLE,
                      "[Identify|Choose|Give|Select] the "
                          + RIGHT
                          + " "
                          + ANSWER
                          + " for this"
                          + " {SPEC} "
                          + CASE
                          + " [involving|about|describing|featuring] a {PT}")),
          "Multiple-choice Q&A",
              List.of(
                  p(
                      In.MCQ,
                      "[Choose|Select|Find|Pick|Identify] the "
                          + RIGHT
                          + " "
                          + ANSWER
                          + " to the"
                          + " [following|below|next] "
                          + QUESTION
                          + " [on|about|concerning] {MTOPIC}"),
                  p(
                      In.MCQ,
                      "[Pick|Choose|Select|Mark] the [option|choice|letter|answer] that [best"
                          + " answers|correctly answers|fits] this "
                          + QUESTION
                          + " [about|on|regarding]"
                          + " {MTOPIC}"),
                  p(
                      In.MCQ,
                      "[Select|Choose|Pick] the "
                          + RIGHT
                          + " [choice|option|letter] in this"
                          + " multiple-choice "
                          + QUESTION
                          + " on {MTOPIC}"),
                  p(
                      In.MCQ,
                      SOLVE
                          + " the multiple-choice "
                          + QUESTION
                          + " "
                          + BELOW
                          + " [concerning|on"
                          + "|about|regarding] {MTOPIC}"),
                  p(
                      In.MCQ,
                      "Which [option|choice|letter|answer] is [correct|right|best]? "
                          + SOLVE
                          + " this {SPEC} [quiz item|question|MCQ|test item] "
                          + FOR
                          + " {AUD}"),
                  p(
                      In.MCQ,
                      "[Test your knowledge of|Check your understanding of|Quiz yourself on"
                          + "|Review] {C}: "
                          + CHOOSE
                          + " [one of the options|the best option|one answer]"
                          + " "
                          + BELOW),
                  p(
                      In.MCQ,
                      "[Identify|Choose|Pick|Select] the "
                          + RIGHT
                          + " "
                          + ANSWER
                          + " to this "
                          + QUESTION
                          + " [about|on|concerning|describing] a {PT}")),
          "Single-hop reasoning",
              List.of(
                  p(
                      In.VIGNETTE,
                      "[Based on|From|Using|Given] the "
                          + FINDINGS
                          + " "
                          + BELOW
                          + ", "
                          + IDENTIFY
                          + " the [most likely|probable|likeliest|main] cause of the {PT}'s {SYM}"),
                  p(
                      In.VIGNETTE,
                      "What [single|one|main] [diagnosis|condition|disorder|disease] best"
                          + " [explains|accounts for|fits] the {SYM} in the {PT}"
                          + " [described|presented|outlined] "
                          + BELOW
                          + "?"),
                  p(
                      In.MEDLIST,
                      "[Given|Using|From|Looking at] the [medication list|drug list|list of"
                          + " medicines|prescriptions] "
                          + BELOW
                          + ", "
                          + IDENTIFY
                          + " which [drug|medicine"
                          + "|agent] is most likely [responsible for|causing|behind] {DAE}"),
                  p(
                      In.VIGNETTE,
                      "[Calculate|Compute|Work out|Determine] the {SCORE} [for the {PT} described"
                          + " below|for this {PT}|using the data on the {PT} below] [and state what"
                          + " it means|and interpret the result|and explain its significance|and"
                          + " say how it changes management]"),
                  p(
                      In.NONE,
                      "[Identify|Name|State|Give] the drug class of {D} and"
                          + " [state|give|name|mention] one"
                          + " [contraindication|precaution|interaction|monitoring step] relevant to"
                          + " {P}"),
                  p(In.NONE, "[Name|What is|State|Give] the " + TREAT + " for {C} in {P}"),
                  p(
                      In.NONE,
                      "[Which|What] [organ|structure|system|tissue|cell type] [is primarily"
                          + " affected|bears the brunt|is the main target|is damaged first] in {C},"
                          + " and [how|why|by what mechanism|through which process] [does this lead"
                          + " to|does it cause|does this produce|is this linked to] {SYM}?"),
                  p(
                      In.VIGNETTE,
                      "[From|Using|Looking at|Reviewing] the "
                          + FINDINGS
                          + " "
                          + BELOW
                          + ","
                          + " "
                          + IDENTIFY
                          + " which [finding|value|result|sign] is most [abnormal"
                          + "|concerning|informative] for this {PT}"),
                  p(
                      In.NONE,
                      IDENTIFY
                          + " which test [confirms|best confirms|establishes] {C} and [why it is"
                          + " preferred|what result you expect|when to order it|how to interpret"
                          + " it] in {P}")),
          "Multi-hop reasoning",
              List.of(
                  p(
                      In.VIGNETTE,
                      "[Using|Combining|From|Integrating] the "
                          + FINDINGS
                          + " "
                          + BELOW
                          + ", "
                          + IDENTIFY
                          + " the cause of {SYM} and [propose|suggest|outline"
                          + "|recommend] [a treatment|a management plan|therapy|next steps]"),
                  p(
                      In.NONE,
                      EXPLAIN
                          + " how {C} [can lead|leads|progresses] to {COMP}, and how {CDRUG}"
                          + " [alters|changes|modifies|affects] this"
                          + " [course|risk|process|trajectory] in {P}"),
                  p(
                      In.NONE,
                      "A [patient|person|woman|man] [taking|on|receiving|treated with] {D}"
                          + " [develops|presents with|reports|experiences] {DAE}."
                          + " [Infer|Explain|Deduce|Work out] the mechanism, then"
                          + " [suggest|propose|describe|decide] how to [adjust|change|modify]"
                          + " therapy for {P}"),
                  p(
                      In.VIGNETTE,
                      "[Given|Using|Considering|From] the "
                          + FINDINGS
                          + " "
                          + BELOW
                          + ", "
                          + IDENTIFY
                          + " the "
                          + DX
                          + ", the "
                          + TESTQ
                          + ", and the "
                          + TREAT
                          + " for this {PT}"),
                  p(
                      In.VIGNETTE,
                      "[Link|Connect|Relate|Match] the [risk factors|clues|features|history] in"
                          + " the "
                          + CASE
                          + " "
                          + BELOW
                          + " to the "
                          + DX
                          + " and "
                          + IDENTIFY
                          + " the"
                          + " [complication|risk|problem] to [monitor|watch for|prevent]"),
                  p(
                      In.NONE,
                      "If a {PT} with {C} is [started|placed|put] on {D}, what"
                          + " [interaction|risk|problem|complication] should be"
                          + " [anticipated|expected|considered], and how would you"
                          + " [monitor|manage|detect|prevent] it?"),
                  p(
                      In.VIGNETTE,
                      "[Trace|Follow|Reason|Work] from the {SYM} in the "
                          + CASE
                          + " "
                          + BELOW
                          + " to the "
                          + DX
                          + ", then [choose|select|recommend|justify] [an appropriate"
                          + " drug|a treatment|the best therapy|a plan]"),
                  p(
                      In.NONE,
                      "[Explain|Argue|Reason through|Justify] why {CDRUG} is"
                          + " [preferred|used|recommended|chosen] for {C} in {P},"
                          + " [going|reasoning|moving|working] from its mechanism to the expected"
                          + " [outcome|benefit|result|effect]")));

  private static final List<String> GENERIC_TOPICS =
      List.of(
          "Pharmacology",
          "Diagnosis",
          "Treatment",
          "Epidemiology",
          "Pathophysiology",
          "Anatomy",
          "Genetics",
          "Medical education",
          "Public health",
          "Nutrition",
          "Preventive medicine",
          "Patient safety",
          "Clinical guidelines",
          "Health promotion");
  private static final List<String> SCORES =
      List.of(
          "CHA2DS2-VASc score",
          "Wells score",
          "CURB-65 score",
          "Glasgow Coma Scale",
          "body mass index",
          "Cockcroft-Gault creatinine clearance",
          "MELD score",
          "qSOFA score",
          "HAS-BLED score",
          "Centor score",
          "Apgar score",
          "anion gap");
  private static final List<String> ROLES =
      List.of(
          "primary care physician",
          "clinical pharmacist",
          "nurse practitioner",
          "diabetes educator",
          "cardiology nurse",
          "genetic counselor",
          "midwife",
          "emergency physician",
          "infectious disease consultant",
          "school nurse",
          "hospitalist",
          "physiotherapist",
          "dietitian",
          "palliative care nurse");
  private static final List<String> MED_CRITERIA =
      List.of(
          "drug class",
          "mechanism of action",
          "main adverse effect",
          "need for renal dose" + " adjustment",
          "route of administration",
          "risk in pregnancy",
          "monitoring needs",
          "potential for interactions");
  private static final List<String> LAY_VIEWS = List.of("Patient", "Caregiver");
  private static final Map<String, List<String>> VIEWS =
      Map.of(
          "Text generation",
              List.of(
                  "Physician",
                  "Nurse",
                  "Pharmacist",
                  "Public health expert",
                  "Medical student",
                  "Researcher",
                  "Patient",
                  "Medical educator"),
          "Open Q&A",
              List.of(
                  "Patient",
                  "Medical student",
                  "Physician",
                  "Nurse",
                  "Pharmacist",
                  "Researcher",
                  "Public health expert",
                  "Caregiver",
                  "Expert"),
          "Chat",
              List.of(
                  "Patient",
                  "Physician",
                  "Nurse",
                  "Pharmacist",
                  "Caregiver",
                  "Healthcare provider"),
          "Rewrite",
              List.of(
                  "Physician",
                  "Nurse",
                  "Medical student",
                  "Medical writer",
                  "Public health expert"),
          "Summarization",
              List.of(
                  "Physician",
                  "Researcher",
                  "Medical student",
                  "Nurse",
                  "Pharmacist",
                  "Public health expert"),
          "Classification",
              List.of("Physician", "Pharmacist", "Nurse", "Medical student", "Researcher"),
          "USMLE-style Q&A",
              List.of("Medical student", "Resident", "Physician", "Medical educator"),
          "Multiple-choice Q&A",
              List.of("Medical student", "Nurse", "Pharmacist", "Physician", "Medical educator"),
          "Single-hop reasoning",
              List.of("Physician", "Medical student", "Pharmacist", "Nurse", "Researcher"),
          "Multi-hop reasoning",
              List.of(
                  "Physician",
                  "Medical student",
                  "Researcher",
                  "Pharmacist",
                  "Public health expert",
                  "Resident"));
  private static final Map<String, int[]> DIFFICULTY =
      Map.of(
          "Text generation",
          new int[] {1, 4},
          "Open Q&A",
          new int[] {1, 4},
          "Chat",
          new int[] {1, 3},
          "Rewrite",
          new int[] {1, 3},
          "Summarization",
          new int[] {2, 4},
          "Classification",
          new int[] {2, 4},
          "USMLE-style Q&A",
          new int[] {3, 5},
          "Multiple-choice Q&A",
          new int[] {2, 5},
          "Single-hop reasoning",
          new int[] {2, 4},
          "Multi-hop reasoning",
          new int[] {3, 5});

  private static final Pattern GROUP = Pattern.compile("\\[([^\\[\\]]*)\\]");
  private static final Pattern SLOT = Pattern.compile("\\{([A-Z0-9]+)\\}");

  private final Pick pick;
  private final ClinicalText text;

  TaskTemplates(Pick pick) {
    this.pick = pick;
    this.text = new ClinicalText(pick);
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private String topicFor(Condition c) {
    return switch (pick.between(0, 3)) {
      case 0 -> c.topic();
      case 1 -> pick.one(GENERIC_TOPICS);
      case 2 -> capitalize(c.name());
      default ->
          capitalize(c.name())
              + " "
              + pick.of("treatment", "diagnosis", "management", "prevention", "complications");
    };
  }

  /** Values for every slot, drawn once per task so that the instruction and input agree. */
  private Map<String, String> slots(Condition c, ClinicalText.Patient pt, String topic) {
    String[] d = pick.drug();
    Map<String, String> s = new HashMap<>();
    s.put("C", c.name());
    s.put("C2", pick.conditionOtherThan(c).name());
    s.put("C3", pick.conditionOtherThan(c).name());
    s.put("CDRUG", c.drug());
    s.put("TEST", c.test());
    s.put("COMP", c.complication());
    s.put("SYM", c.symptoms().get(pick.between(0, 2)));
    s.put("D", d[0]);
    s.put("DCLASS", d[1]);
    s.put("DUSE", d[2]);
    s.put("DAE", d[3]);
    s.put("PT", pt.describe());
    s.put("AGE", Integer.toString(pt.age()));
    s.put("P", pick.one(MedVocab.POPULATIONS));
    s.put("S", pick.one(MedVocab.SETTINGS));
    s.put("AUD", pick.one(MedVocab.AUDIENCES));
    s.put("DOC", pick.one(MedVocab.DOC_TYPES));
    s.put("ASP", pick.one(MedVocab.ASPECTS));
    s.put("AN", pick.one(MedVocab.ANATOMY));
    s.put("SCORE", pick.one(SCORES));
    s.put("ROLE", pick.one(ROLES));
    s.put("REL", pick.one(MedVocab.RELATIVES));
    s.put("SPEC", c.topic().toLowerCase());
    s.put("SPEC2", pick.conditionOtherThan(c).topic().toLowerCase());
    s.put("N", Integer.toString(pick.between(2, 6)));
    s.put("MEDCRIT", pick.one(MED_CRITERIA));
    s.put(
        "MTOPIC",
        pick.of(
            topic.toLowerCase(),
            pick.one(MedVocab.ASPECTS),
            c.topic().toLowerCase() + " in " + pick.one(MedVocab.POPULATIONS),
            c.name()));
    return s;
  }

  /** Expands alternation groups then slots. */
  String expand(String pattern, Map<String, String> slots) {
    Matcher g = GROUP.matcher(pattern);
    StringBuilder b = new StringBuilder();
    while (g.find()) {
      String[] alts = g.group(1).split("\\|", -1);
      g.appendReplacement(b, Matcher.quoteReplacement(alts[pick.rnd().nextInt(alts.length)]));
    }
    g.appendTail(b);
    Matcher m = SLOT.matcher(b.toString());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = slots.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException("unknown slot " + m.group(1) + " in " + pattern);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static final List<String> LAY_SITUATIONS =
      List.of(
          "I'm pregnant",
          "I work night shifts",
          "I travel a lot for work",
          "I look after two small children",
          "I'm training for a marathon",
          "I'm breastfeeding",
          "I have no health insurance",
          "I live far from a hospital",
          "I'm about to have surgery",
          "I drink alcohol most weekends",
          "I'm a vegetarian",
          "I'm a student living away from home",
          "I recently retired",
          "I'm trying to lose weight");

  /** Context tail such as " in a rural clinic", or "". */
  private String tail(boolean lay, ClinicalText.Patient pt) {
    if (lay) {
      return switch (pick.between(0, 4)) {
        case 0 -> " now that " + pick.one(LAY_SITUATIONS);
        case 1 -> " given that " + pick.one(LAY_SITUATIONS);
        case 2 -> " as a " + pt.describe();
        case 3 -> " since my " + pick.one(MedVocab.RELATIVES) + " had " + pick.condition().name();
        default -> "";
      };
    }
    // Tail 95 %, second setting 50 %, focus clause 75 % (were 85/25/50): greedy dedup (ROUGE-L >
    // 0.7) of 80k simulated tasks drops 23.7 % of them instead of 32.0 % (40k: 18.1 %, was 24.8 %).
    if (!pick.chance(0.95)) {
      return "";
    }
    String t =
        switch (pick.between(0, 3)) {
          case 0 -> " " + pick.one(MedVocab.SETTINGS);
          case 1 -> " in " + pick.one(MedVocab.POPULATIONS);
          case 2 -> " for " + pick.one(MedVocab.AUDIENCES);
          default -> " from the perspective of a " + pick.one(ROLES);
        };
    return pick.chance(0.5) ? t + " " + pick.one(MedVocab.SETTINGS) : t;
  }

  Task task(String type) {
    Condition c = pick.condition();
    ClinicalText.Patient pt = text.patientFor(c);
    String topic = topicFor(c);
    String view = pick.one(VIEWS.get(type));
    boolean layView = LAY_VIEWS.contains(view);
    List<Pattern0> candidates = new ArrayList<>();
    for (Pattern0 p : PATTERNS.get(type)) {
      if (p.lay() == layView) {
        candidates.add(p);
      }
    }
    if (candidates.isEmpty()) {
      candidates = PATTERNS.get(type);
      view = pick.one(VIEWS.get(type).stream().filter(v -> !LAY_VIEWS.contains(v)).toList());
      layView = false;
    }
    Pattern0 pat = pick.one(candidates);
    Map<String, String> s = slots(c, pt, topic);
    String instruction = expand(pat.text(), s);
    String tail = tail(layView, pt);
    if (instruction.endsWith("?")) {
      instruction = instruction.substring(0, instruction.length() - 1) + tail + "?";
    } else {
      instruction += tail;
      if (!layView && pick.chance(0.75)) {
        instruction += ", " + pick.one(MedVocab.FOCUSES);
      }
      instruction += ".";
    }
    int[] range = DIFFICULTY.get(type);
    int diff = layView ? pick.between(1, 2) : pick.between(range[0], range[1]);
    return new Task(type, topic, view, diff, capitalize(instruction), input(pat.in(), c, pt));
  }

  private String input(In kind, Condition c, ClinicalText.Patient pt) {
    return switch (kind) {
      case NONE -> NO_INPUT;
      case VIGNETTE -> text.vignette(c, pt);
      case NOTE -> text.clinicalNote(c, pt);
      case MESSAGE -> text.patientMessage(c, pt);
      case ABSTRACT -> text.abstractText(c);
      case REPORT -> text.report(c, pt);
      case MEDLIST -> text.medicationList();
      case STATEMENTS -> text.statements(c);
      case MCQ -> {
        ClinicalText.Question q = text.question(c, pt, pick.chance(0.3));
        yield q.stem() + text.choices(q.options());
      }
      case USMLE -> {
        ClinicalText.Question q = text.question(c, pt, true);
        yield q.stem() + text.choices(q.options());
      }
    };
  }
}
