package jp.shisakuflow.fiscalyear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.shisakuflow.ShisakuFlowApplication;
import jp.shisakuflow.support.OwnApplication;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

@Tag(OwnApplication.TAG)
class PlanStartupImportTest {

  @Test
  void aListedPlanIsImportedIntoItsYearAtStartup() {
    try (var context = new SpringApplicationBuilder(ShisakuFlowApplication.class).profiles("test").run(
        "--server.port=0", "--shisaku.plans.startup-imports[0].file=fy2019-community.yaml",
        "--shisaku.plans.startup-imports[0].fiscal-year=2027")) {
      RuntimeService runtime = context.getBean(RuntimeService.class);
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("FY2027-plan-fy2019-community")
          .count()).isEqualTo(1);
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike("FY2027-%").count())
          .as("the 29 items and the plan itself").isEqualTo(30);
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike("FY2027-%")
          .tenantIdIn(jp.shisakuflow.organization.City.SEED.tenantId()).count())
          .as("all of them the seed city's, the city when none is named").isEqualTo(30);
    }
  }

  @Test
  void aPlanForACityThatDoesNotExistStopsTheStartAndSaysWhich() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(ShisakuFlowApplication.class).profiles("test").run(
        "--server.port=0", "--shisaku.plans.startup-imports[0].file=fy2019-community.yaml",
        "--shisaku.plans.startup-imports[0].city=yokohama"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("yokohama").hasMessageContaining("no such city");
  }

  @Test
  void aMissingPlanFileStopsTheStartAndSaysWhich() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(ShisakuFlowApplication.class).profiles("test").run(
        "--server.port=0", "--shisaku.plans.startup-imports[0].file=fy2099-nowhere.yaml"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("processes/plans/fy2099-nowhere.yaml").hasMessageContaining("not found");
  }
}
