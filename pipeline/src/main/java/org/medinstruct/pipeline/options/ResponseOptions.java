package org.medinstruct.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The response model and its sampling. */
@Description("Response model")
public interface ResponseOptions extends PipelineOptions {
  @Description("Model that answers each task.")
  @Default.String("gpt-3.5-turbo")
  String getResponseModel();

  void setResponseModel(String value);

  @Description("max_tokens of a response.")
  @Default.Integer(1024)
  int getResponseMaxTokens();

  void setResponseMaxTokens(int value);

  @Description("Sampling temperature of the response model.")
  @Default.Double(1.0)
  double getResponseTemperature();

  void setResponseTemperature(double value);

  @Description("Presence penalty of the response model.")
  @Default.Double(1.5)
  double getResponsePresencePenalty();

  void setResponsePresencePenalty(double value);

  @Description(
      "File whose text is the system message of every response request (e.g. AlpaCare's"
          + " response_system_prompt.txt). Default: the project's own answering rules.")
  String getResponsePromptFile();

  void setResponsePromptFile(String value);
}
