package org.medinstruct.pipeline.report;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of {@code report}, for its {@code --help}. {@link ReportCommand} parses them itself (it
 * runs no pipeline), which accepts exactly these options.
 */
@Description("Report")
public interface ReportOptions extends PipelineOptions {
  @Description("A finished run's output directory; DIR/report.html is (re)written from its files.")
  @Validation.Required
  String getInput();

  void setInput(String value);
}
