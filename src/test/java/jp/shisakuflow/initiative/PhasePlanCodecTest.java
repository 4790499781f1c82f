package jp.shisakuflow.initiative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhasePlanCodecTest {

  private static final List<PlannedPhase> PLAN = List.of(
      new PlannedPhase("coordinate", Stage.COORDINATE, "調整", LocalDate.of(2019, 4, 1), LocalDate.of(2019, 6, 30)),
      new PlannedPhase("verify", Stage.VERIFY, "検証", LocalDate.of(2019, 10, 1), LocalDate.of(2020, 3, 31)));

  @Test
  void aPlanReadsBackAsWritten() {
    assertThat(PhasePlanCodec.read(PhasePlanCodec.write(PLAN))).isEqualTo(PLAN);
    assertThat(PhasePlanCodec.read(null)).isEmpty();
    assertThat(PhasePlanCodec.read(" ")).isEmpty();
  }

  @Test
  void theSameTextIsParsedOnceInARowAndAnotherTextAfresh() {
    String json = PhasePlanCodec.write(PLAN);
    List<PlannedPhase> first = PhasePlanCodec.read(json);
    assertThat(PhasePlanCodec.read(new String(json))).as("an equal text: the phases just read").isSameAs(first);
    String other = PhasePlanCodec.write(PLAN.subList(0, 1));
    assertThat(PhasePlanCodec.read(other)).isEqualTo(PLAN.subList(0, 1));
    assertThat(PhasePlanCodec.read(json)).isEqualTo(PLAN).isNotSameAs(first);
  }

  @Test
  void thePhasesReadCannotBeChangedByTheirReader() {
    List<PlannedPhase> phases = PhasePlanCodec.read(PhasePlanCodec.write(PLAN));
    assertThatThrownBy(() -> phases.add(PLAN.get(0))).isInstanceOf(UnsupportedOperationException.class);
  }
}
