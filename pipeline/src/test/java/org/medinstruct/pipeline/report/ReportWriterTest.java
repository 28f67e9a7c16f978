package org.medinstruct.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.UserInputException;

class ReportWriterTest {
  static final int N = 300;
  @TempDir static Path fixture;
  static String html;
  static JsonObject data;
  static JsonObject summary;

  @BeforeAll
  static void writeFixtureReport() throws IOException {
    RunFixture.write(fixture, N, 42);
    ReportWriter.write(fixture);
    html = ReportPages.html(fixture);
    data = ReportPages.data(html);
    summary =
        JsonParser.parseString(Files.readString(fixture.resolve("summary.json"))).getAsJsonObject();
  }

  @Test
  void page_hasEverySectionAndNoExternalResource() {
    for (String id : List.of("funnel", "distributions", "language", "similarity", "cost")) {
      assertTrue(html.contains("<h2 id=\"" + id + "\""), id);
    }
    String withoutSvgNamespace = html.replace("'http://www.w3.org/2000/svg'", "");
    assertFalse(
        withoutSvgNamespace.contains("http://")
            || withoutSvgNamespace.contains("https://")
            || withoutSvgNamespace.contains("src=")
            || withoutSvgNamespace.contains("url("),
        "the page must load nothing from outside");
    assertTrue(html.contains("data-charts-expected=\"15\""));
  }

  @Test
  void funnel_showsTheSummaryCountsAndOneBarPerRejectionReason() {
    JsonObject counts = summary.getAsJsonObject("counts");
    JsonObject funnel = ReportPages.chart(data, "funnel");
    assertEquals(
        counts.get("instruction_requests").getAsDouble(),
        ReportPages.bar(funnel, "Instruction requests"));
    assertEquals(2.0, ReportPages.bar(funnel, "Failed instruction requests"));
    assertEquals(counts.get("generated").getAsDouble(), ReportPages.bar(funnel, "Tasks parsed"));
    assertEquals(
        counts.get("passed_filters").getAsDouble(), ReportPages.bar(funnel, "Passed filters"));
    assertEquals(
        counts.get("unique_after_dedup").getAsDouble(),
        ReportPages.bar(funnel, "Unique after dedup"));
    assertEquals(counts.get("answered").getAsDouble(), ReportPages.bar(funnel, "Answered"));
    assertEquals((double) N, ReportPages.bar(funnel, "Accepted"));
    assertEquals(3.0, ReportPages.bar(funnel, "Failed responses"));
    for (var e : counts.getAsJsonObject("rejected_by_reason").entrySet()) {
      assertEquals(
          e.getValue().getAsDouble(),
          ReportPages.bar(funnel, "Rejected: " + e.getKey()),
          e.getKey());
    }
    assertTrue(
        html.contains(
            "<td>Rejected: filter/blacklisted_word</td><td class=\"n\">"
                + counts
                    .getAsJsonObject("rejected_by_reason")
                    .get("filter/blacklisted_word")
                    .getAsLong()
                + "</td>"));
  }

  @Test
  void typeDistribution_countsVariantSpellingsAsOneType() {
    JsonArray types = data.getAsJsonArray("types");
    List<String> plan = RunFixture.typeList(N);
    long textGen = plan.stream().filter(t -> t.equalsIgnoreCase("text generation")).count();
    long rewrite = plan.stream().filter(t -> t.startsWith("Rewrite")).count();
    assertEquals(textGen, ReportPages.count(types, "Text Generation"));
    assertEquals(rewrite, ReportPages.count(types, "Rewrite"));
    assertNull(ReportPages.count(types, "Rewrites"));
    assertNull(ReportPages.count(types, "Text generation"));
    long total = 0;
    for (var e : types) {
      total += e.getAsJsonObject().get("count").getAsLong();
    }
    assertEquals(N, total);
  }

  @Test
  void formats_flagRequestedButMissingAndRareFormats() {
    assertTrue(html.contains("<span hidden id=\"formats-missing\">Multi-hop Reasoning</span>"));
    assertTrue(html.contains("<span hidden id=\"formats-rare\">Multiple-choice Q&amp;A</span>"));
    assertTrue(html.contains("Requested but missing: Multi-hop Reasoning."));
    JsonObject formats = ReportPages.chart(data, "formats");
    assertEquals(10, formats.getAsJsonArray("items").size());
    double usmle = RunFixture.typeList(N).stream().filter(t -> t.startsWith("USMLE")).count();
    assertEquals(100.0 * usmle / N, ReportPages.bar(formats, "USMLE-style Q&A"), 1e-9);
  }

  @Test
  void difficultyAndTopics_coverEveryAcceptedTask() {
    long sum = 0;
    for (var e : data.getAsJsonArray("difficulty")) {
      sum += e.getAsJsonObject().get("count").getAsLong();
    }
    assertEquals(N, sum);
    assertTrue(data.getAsJsonArray("topics").size() <= ReportModel.TOP_TOPICS);
    // "Cardiology" and "cardiology" are one topic; so are "COVID-19" and "Covid-19".
    assertNull(ReportPages.count(data.getAsJsonArray("topics"), "cardiology"));
    assertEquals(23, data.get("topics_distinct").getAsInt());
  }

  @Test
  void verbChart_reportsFitShareAndTopVerbsWithNouns() {
    JsonObject v = data.getAsJsonObject("verbs");
    assertEquals(N, v.get("total").getAsInt());
    assertTrue(v.get("fit").getAsInt() > N / 2, "most templated instructions fit");
    JsonArray verbs = v.getAsJsonArray("verbs");
    assertTrue(verbs.size() > 5 && verbs.size() <= ReportModel.TOP_VERBS);
    assertEquals("explain", verbs.get(0).getAsJsonObject().get("verb").getAsString());
    assertTrue(
        verbs.get(0).getAsJsonObject().getAsJsonArray("nouns").size()
            <= ReportModel.NOUNS_PER_VERB);
    assertTrue(html.contains("fit the verb-noun pattern"));
  }

  @Test
  void similarityAndLengthHistograms_countEveryAcceptedTask() {
    assertEquals(N, data.getAsJsonObject("rouge_seed").get("n").getAsInt());
    JsonObject other = data.getAsJsonObject("rouge_other");
    assertEquals("all", other.get("method").getAsString());
    assertEquals(N, other.get("n").getAsInt());
    // The fixture keeps instructions at ROUGE-L <= 0.7 apart, as the pipeline's dedup does.
    JsonArray bins = other.getAsJsonArray("bins");
    for (int i = 15; i < bins.size(); i++) {
      assertEquals(0, bins.get(i).getAsJsonObject().get("count").getAsLong(), "bin " + i);
    }
    JsonObject len = data.getAsJsonObject("lengths");
    assertEquals(N, len.getAsJsonObject("instruction").get("n").getAsInt());
    JsonObject input = len.getAsJsonObject("input");
    assertEquals(N, input.get("n").getAsInt() + input.get("no_input").getAsInt());
  }

  @Test
  void costSection_listsTokensAndCostPerStageAndModel() {
    JsonObject tokens = ReportPages.chart(data, "tokens");
    long prompt =
        summary
            .getAsJsonObject("llm")
            .getAsJsonObject("instructions")
            .getAsJsonObject("gpt-4")
            .get("prompt_tokens")
            .getAsLong();
    assertEquals((double) prompt, ReportPages.bar(tokens, "instructions · gpt-4 prompt"));
    assertTrue(html.contains("<td>responses</td><td>gpt-3.5-turbo</td>"));
    assertEquals(1710.2, ReportPages.bar(ReportPages.chart(data, "stage_seconds"), "instructions"));
    assertTrue(html.contains("<td class=\"n\">31</td>"), "HTTP 429 count");
  }

  @Test
  void givenSummaryWithoutOptionalFields_sectionsSayNotAvailable(@TempDir Path dir)
      throws IOException {
    RunFixture.write(dir, 20, 1);
    Files.writeString(dir.resolve("summary.json"), "{\"command\":\"generate\",\"target\":20}");
    Files.delete(dir.resolve("failed.jsonl"));
    ReportWriter.write(dir);
    String page = ReportPages.html(dir);
    JsonObject d = ReportPages.data(page);
    assertTrue(page.contains("Not in this run's directory: failed.jsonl"));
    assertTrue(page.contains("<tr><td colspan=\"7\">n/a</td></tr>"));
    assertTrue(page.contains("n/a: summary.json does not list requested_formats."));
    JsonObject funnel = ReportPages.chart(d, "funnel");
    assertEquals(20.0, ReportPages.bar(funnel, "Accepted"));
    assertTrue(page.contains("<td>Tasks parsed</td><td class=\"n\">n/a</td>"));
    // Reasons come from rejected.jsonl when the summary has none.
    long duplicates =
        Files.readAllLines(dir.resolve("rejected.jsonl")).stream()
            .filter(l -> l.contains("\"reason\":\"duplicate\""))
            .count();
    assertTrue(duplicates > 0);
    assertEquals((double) duplicates, ReportPages.bar(funnel, "Rejected: dedup/duplicate"));
    assertFalse(ChartSpecs.hasData(ReportPages.chart(d, "tokens")));
    assertTrue(ChartSpecs.hasData(ReportPages.chart(d, "formats")));
  }

  @Test
  void rewritingReport_replacesItAtomicallyAndLeavesNoTempFile() throws IOException {
    Path dir = Files.createTempDirectory("report-rewrite");
    RunFixture.write(dir, 10, 5);
    Files.writeString(dir.resolve(ReportWriter.REPORT), "old");
    ReportWriter.write(dir);
    assertTrue(ReportPages.html(dir).startsWith("<!DOCTYPE html>"));
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void givenMissingDirectory_throwsUserInputExceptionNamingIt(@TempDir Path tmp) {
    Path missing = tmp.resolve("nope");
    UserInputException e =
        assertThrows(UserInputException.class, () -> ReportWriter.write(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void givenEmptyDirectory_throwsUserInputException(@TempDir Path tmp) {
    UserInputException e = assertThrows(UserInputException.class, () -> ReportWriter.write(tmp));
    assertTrue(e.getMessage().contains("holds no run output"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve(ReportWriter.REPORT)));
  }

  @Test
  void givenBadJsonLine_errorNamesFileAndLine(@TempDir Path tmp) throws IOException {
    Files.writeString(
        tmp.resolve("medinstruct.jsonl"),
        "{\"instruction\":\"Explain asthma.\"}\n{not json\n",
        StandardCharsets.UTF_8);
    UserInputException e = assertThrows(UserInputException.class, () -> ReportWriter.write(tmp));
    assertTrue(e.getMessage().contains("medinstruct.jsonl line 2"), e.getMessage());
  }

  @Test
  void command_writesReportForInputDir(@TempDir Path tmp) throws IOException {
    RunFixture.write(tmp, 5, 9);
    ReportCommand.run(new String[] {"--input=" + tmp});
    assertNotNull(ReportPages.data(ReportPages.html(tmp)));
  }

  @Test
  void command_rejectsUnknownOptionAndMissingInput() {
    UserInputException unknown =
        assertThrows(
            UserInputException.class,
            () -> ReportCommand.run(new String[] {"--input=/tmp", "--output=x"}));
    assertTrue(unknown.getMessage().contains("--output=x"));
    UserInputException none =
        assertThrows(UserInputException.class, () -> ReportCommand.run(new String[] {}));
    assertTrue(none.getMessage().contains("--input=DIR is required"));
    assertThrows(UserInputException.class, () -> ReportCommand.run(new String[] {"--input="}));
  }

  @Test
  void givenRunWithOnlyFailures_writesReportWithEmptyCharts(@TempDir Path tmp) throws IOException {
    Files.writeString(
        tmp.resolve("failed.jsonl"),
        "{\"stage\":\"instructions\",\"error\":"
            + "\"HTTP 401\",\"status\":401,\"retryable\":false,\"attempts\":1,\"record\":{}}\n");
    ReportWriter.write(tmp);
    String page = ReportPages.html(tmp);
    JsonObject d = ReportPages.data(page);
    assertEquals(
        1.0, ReportPages.bar(ReportPages.chart(d, "funnel"), "Failed instruction requests"));
    assertFalse(ChartSpecs.hasData(ReportPages.chart(d, "formats")));
    assertTrue(page.contains("data-charts-expected=\"1\""));
  }

  @Test
  void labelsFromTheModel_areEscapedInThePage(@TempDir Path tmp) throws IOException {
    Files.writeString(
        tmp.resolve("medinstruct.jsonl"),
        "{\"instruction\":\"Explain </script><script>alert(1)</script> asthma.\","
            + "\"type\":\"<img src=x onerror=alert(1)>\",\"view\":\"Patient\","
            + "\"topic\":\"Asthma\",\"difficulty\":\"2\",\"output\":\"ok\"}\n");
    ReportWriter.write(tmp);
    String page = ReportPages.html(tmp);
    assertFalse(page.contains("<script>alert"));
    assertFalse(page.contains("<img"));
    // The label survives in the embedded data (drawn with textContent), escaped in the HTML.
    assertTrue(
        ReportPages.data(page)
            .getAsJsonArray("types")
            .get(0)
            .getAsJsonObject()
            .get("label")
            .getAsString()
            .startsWith("<img Src=x"));
  }
}
