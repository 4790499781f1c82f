package jp.shisakuflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoYearAdvancerTest {

  @Test
  void theDemoChoosesTwoModelWardsAndOneMoreEachYearAfter() {
    assertThat(DemoYearAdvancer.demoWards(null)).isEqualTo("wardKawasaki,wardSaiwai");
    assertThat(DemoYearAdvancer.demoWards("wardKawasaki,wardSaiwai")).isEqualTo("wardKawasaki,wardSaiwai,wardNakahara");
    assertThat(DemoYearAdvancer.demoWards("wardTakatsu")).as("the earlier wards kept, the first other added")
        .isEqualTo("wardTakatsu,wardKawasaki");
  }
}
