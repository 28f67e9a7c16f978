package org.medinstruct.stages;

import com.google.gson.JsonObject;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.Records;

/**
 * A task on its way to becoming an instruction-response pair: before {@link GenerateResponses}
 * {@code output} is null; after it, the response and its usage are filled in.
 *
 * @param nearest the instruction of the most similar seed or earlier kept task the dedup stage
 *     found (null when none was found), with its ROUGE-L F in {@code rougeL} (NaN when none)
 */
@DefaultCoder(ExampleCoder.class)
public record Example(
    MedTask task,
    String nearest,
    double rougeL,
    String nearestSeed,
    double nearestSeedRougeL,
    String instructionModel,
    String responseModel,
    String output,
    String finishReason,
    long promptTokens,
    long completionTokens)
    implements Serializable {

  public static Example pending(
      MedTask task,
      String nearest,
      double rougeL,
      String nearestSeed,
      double nearestSeedRougeL,
      String instructionModel) {
    return new Example(
        task,
        nearest,
        rougeL,
        nearestSeed,
        nearestSeedRougeL,
        instructionModel,
        null,
        null,
        null,
        0,
        0);
  }

  public Example answered(String model, String text, String reason, long prompt, long completion) {
    return new Example(
        task(),
        nearest(),
        rougeL(),
        nearestSeed(),
        nearestSeedRougeL(),
        instructionModel(),
        model,
        text,
        reason,
        prompt,
        completion);
  }

  /** The medinstruct.jsonl layout: the dataset fields first, then provenance. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("id", task.id());
    o.addProperty("instruction", task.instruction());
    o.addProperty("input", task.input());
    o.addProperty("output", output);
    JsonObject t = Records.task(task);
    for (String k :
        new String[] {
          "type", "topic", "view", "difficulty", "round", "request_index", "position", "seed_ids"
        }) {
      if (t.has(k)) {
        o.add(k, t.get(k));
      }
    }
    o.addProperty("instruction_model", instructionModel);
    o.addProperty("response_model", responseModel);
    o.addProperty("nearest", nearest);
    o.add("rougeL", Records.score(rougeL));
    o.addProperty("nearest_seed", nearestSeed);
    o.add("nearest_seed_rougeL", Records.score(nearestSeedRougeL));
    o.addProperty("finish_reason", finishReason);
    JsonObject usage = new JsonObject();
    usage.addProperty("prompt_tokens", promptTokens);
    usage.addProperty("completion_tokens", completionTokens);
    o.add("usage", usage);
    return o;
  }

  /** The MedInstruct-52k layout: instruction, input, output and nothing else. */
  public JsonObject toDatasetJson() {
    JsonObject o = new JsonObject();
    o.addProperty("instruction", task.instruction());
    o.addProperty("input", task.input());
    o.addProperty("output", output);
    return o;
  }
}
