package org.medinstruct.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.medinstruct.dedup.RougeL;
import org.medinstruct.model.MedTask;

/** The project's own default seed set is complete, clean and diverse. */
class SeedSetTest {
  static final List<MedTask> SEEDS = SeedLoader.loadDefault();

  @Test
  void defaultSeeds_haveAtLeast48TasksCoveringEveryFormatSeveralTimes() {
    assertTrue(SEEDS.size() >= 48, "" + SEEDS.size());
    for (String type : TaskTypes.ALL) {
      long n = SEEDS.stream().filter(s -> s.type().equals(type)).count();
      assertTrue(n >= 3, type + " has " + n);
    }
    assertEquals(
        Set.of("1", "2", "3", "4", "5"),
        SEEDS.stream().map(MedTask::difficulty).collect(Collectors.toSet()));
    Set<String> views = SEEDS.stream().map(MedTask::view).collect(Collectors.toSet());
    assertTrue(
        views.containsAll(
            Set.of(
                "Patient",
                "Medical student",
                "Physician",
                "Nurse",
                "Pharmacist",
                "Researcher",
                "Public health expert",
                "Caregiver")),
        views.toString());
    assertTrue(SEEDS.stream().map(MedTask::topic).distinct().count() >= 40);
    assertEquals(SEEDS.size(), new HashSet<>(SEEDS.stream().map(MedTask::id).toList()).size());
  }

  @Test
  void defaultSeeds_allPassTheTaskFilter() {
    for (MedTask s : SEEDS) {
      Optional<QualityIssue> issue = TaskFilter.check(s, TaskFilter.FilterSettings.defaults());
      assertEquals(Optional.empty(), issue, s.id());
    }
  }

  @Test
  void defaultSeeds_noTwoInstructionsAbove07RougeL() {
    for (int i = 0; i < SEEDS.size(); i++) {
      for (int j = i + 1; j < SEEDS.size(); j++) {
        double r = RougeL.score(SEEDS.get(i).instruction(), SEEDS.get(j).instruction());
        assertTrue(r <= 0.7, SEEDS.get(i).id() + " vs " + SEEDS.get(j).id() + ": " + r);
        double full =
            RougeL.score(
                SEEDS.get(i).instruction() + " " + SEEDS.get(i).input(),
                SEEDS.get(j).instruction() + " " + SEEDS.get(j).input());
        assertTrue(full <= 0.7, SEEDS.get(i).id() + " vs " + SEEDS.get(j).id() + ": " + full);
      }
    }
  }
}
