package jp.shisakuflow.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CityTimeTest {

  @Test
  void aMomentIsShownInTheCitysZone() {
    assertThat(CityTime.text(Instant.parse("2026-03-31T15:30:05Z"))).isEqualTo("2026/04/01 00:30:05");
    assertThat(CityTime.text(null)).isNull();
  }
}
