package org.medinstruct.pipeline.options;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class OptionsHelpTest {
  @Test
  void registrar_isFoundByBeamThroughServiceLoader() {
    assertThat(PipelineOptionsFactory.getRegisteredOptions(), hasItem(GenerateOptions.class));
    assertThat(PipelineOptionsFactory.getRegisteredOptions(), hasItem(RespondOptions.class));
  }

  @Test
  void groups_startWithTheCommandsOwnInterface_andStopAtProjectInterfaces() {
    List<OptionsHelp.Group> groups = OptionsHelp.groups(RespondOptions.class, null);
    assertThat(groups.get(0).iface(), is(RespondOptions.class));
    assertThat(
        groups.stream().map(OptionsHelp.Group::iface).toList(),
        is(
            List.of(
                RespondOptions.class,
                OutputOptions.class,
                LlmOptions.class,
                ResponseOptions.class)));
  }

  @Test
  void names_includeRunnerOptionsOnlyWhenARunnerIsNamed() {
    assertThat(OptionsHelp.names(GenerateOptions.class, null), not(hasItem("runner")));
    assertThat(
        OptionsHelp.names(GenerateOptions.class, "DirectRunner"), hasItem("enforceImmutability"));
    assertThat(OptionsHelp.names(GenerateOptions.class, "DirectRunner"), hasItem("runner"));
  }

  @Test
  void everyProjectOptionHasADescription() {
    for (var c :
        List.of(
            GenerateOptions.class,
            RespondOptions.class,
            org.medinstruct.pipeline.dedup.DedupOptions.class)) {
      for (OptionsHelp.Group g : OptionsHelp.groups(c, null)) {
        for (OptionsHelp.Option o : g.options()) {
          assertThat(o.name() + " has a description", o.description().isBlank(), is(false));
        }
      }
    }
  }
}
