package jp.shisakuflow.initiative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableTest {

  @Test
  void aWholeNumberReadsAsAnIntWhateverTheEngineStoredItAs() {
    var year = Variable.integer("fiscalYear");
    assertThat(year.from(Map.of("fiscalYear", 2019))).isEqualTo(2019);
    assertThat(year.from(Map.of("fiscalYear", 2019L))).isEqualTo(2019);
    assertThat(year.from(Map.of("fiscalYear", (short) 2019))).isEqualTo(2019);
    assertThat(year.from(Map.of())).as("absent").isNull();
  }

  @Test
  void aValueOfAnotherTypeIsAnErrorNotAGuess() {
    assertThatThrownBy(() -> Variable.integer("fiscalYear").read("2019")).isInstanceOf(ClassCastException.class);
    assertThat(Variable.text("title").read("施策")).isEqualTo("施策");
  }

  @Test
  void aTaskOutsideAMultiInstancePhaseHasLoopCounterZero() {
    assertThat(InitiativeLifecycle.Typed.loopCounterOrZero(null)).isZero();
    assertThat(InitiativeLifecycle.Typed.loopCounterOrZero(2)).isEqualTo(2);
  }
}
