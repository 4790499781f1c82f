package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateTaskScopeTest {

  private static final List<String> TAKATSU = List.of("wardTakatsu");

  @Test
  void ownCandidateGroupIsImplied() {
    assertThat(CandidateTaskScope.impliedByCandidacy(0, null, TAKATSU, null, "takatsu", TAKATSU)).isTrue();
  }

  @Test
  void severalOwnGroupsAreImplied() {
    List<String> both = List.of("wardTakatsu", "communityPromotion");
    assertThat(CandidateTaskScope.impliedByCandidacy(0, null, both, null, "takatsu", both)).isTrue();
  }

  @Test
  void anotherGroupIsNot() {
    assertThat(CandidateTaskScope.impliedByCandidacy(0, null, List.of("wardTakatsu", "wardKawasaki"), null,
        "takatsu", TAKATSU)).isFalse();
  }

  @Test
  void anOrBranchCouldWidenIt() {
    assertThat(CandidateTaskScope.impliedByCandidacy(1, null, TAKATSU, null, "takatsu", TAKATSU)).isFalse();
  }

  @Test
  void aGroupPatternCouldMatchOtherGroups() {
    assertThat(CandidateTaskScope.impliedByCandidacy(0, null, TAKATSU, "ward%", "takatsu", TAKATSU)).isFalse();
  }

  @Test
  void theCallerAsCandidateUserIsImplied() {
    assertThat(CandidateTaskScope.impliedByCandidacy(0, "takatsu", TAKATSU, null, "takatsu", TAKATSU)).isTrue();
  }

  @Test
  void someoneElseAsCandidateUserIsNot() {
    assertThat(CandidateTaskScope.impliedByCandidacy(0, "kawasaki", TAKATSU, null, "takatsu", TAKATSU)).isFalse();
  }

  @Test
  void aQueryWithoutCandidacyIsNot() {
    assertThat(CandidateTaskScope.impliedByCandidacy(0, null, null, null, "takatsu", TAKATSU)).isFalse();
    assertThat(CandidateTaskScope.impliedByCandidacy(0, null, List.of(), null, "takatsu", TAKATSU)).isFalse();
  }

  @Test
  void noUserNoShortcut() {
    assertThat(CandidateTaskScope.impliedByCandidacy(0, null, TAKATSU, null, null, TAKATSU)).isFalse();
  }
}
