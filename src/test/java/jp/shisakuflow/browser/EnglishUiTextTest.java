package jp.shisakuflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnglishUiTextTest {

  @Test
  void findsForbiddenWordsAsWholeWordsOnly() {
    assertThat(EnglishUiText.foundIn("入力してください Field is required. 土曜 Saturation Select"))
        .containsExactly("Field is required", "Select");
    assertThat(EnglishUiText.foundIn("施策フロー Shisaku Flow 2019/07/09 AUTHORIZATION_READ"))
        .containsExactly("AUTHORIZATION_");
    assertThat(EnglishUiText.foundIn("年度の進捗（計画と実績）")).isEmpty();
  }
}
