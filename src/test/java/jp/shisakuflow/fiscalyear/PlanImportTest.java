package jp.shisakuflow.fiscalyear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import jp.shisakuflow.ProcessTestEngine;
import jp.shisakuflow.initiative.InitiativeLifecycle.Var;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.initiative.PhasePlanCodec;
import jp.shisakuflow.plan.InvalidPlanException;
import jp.shisakuflow.time.CityTime;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Deployment(resources = {FiscalYearPlan.RESOURCE, InitiativeLifecycle.RESOURCE, InitiativeSteps.RESOURCE,
    InitiativeLifecycle.DECISION_RESOURCE})
public class PlanImportTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessTestEngine.plain();

  private ProcessEngine engine;
  private PlanImportService imports;

  @BeforeEach
  void setUp() {
    engine = extension.getProcessEngine();
    imports = StandalonePlanServices.imports(engine);
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(2019, 4, 1).atTime(LocalTime.NOON)
        .atZone(CityTime.ZONE).toInstant()));
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
    engine.getRuntimeService().createProcessInstanceQuery().list()
        .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "test done"));
    engine.getRepositoryService().createDeploymentQuery().deploymentName(PlanImportService.DEPLOYMENT_PREFIX
        + "fy2019-community").list().forEach(d -> engine.getRepositoryService().deleteDeployment(d.getId(), true));
    engine.getHistoryService().createHistoricProcessInstanceQuery().list()
        .forEach(p -> engine.getHistoryService().deleteHistoricProcessInstance(p.getId()));
  }

  @Test
  void aPlanWithAnErrorImportsNothing() throws IOException {
    String broken = StandalonePlanServices.seedYamlReplacing("counterparts: [legalAffairs]",
        "counterparts: [legalDept]");

    assertThatThrownBy(() -> imports.importPlan("fy2019-community.yaml", broken, null))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("不明なグループ 'legalDept'");

    assertThat(engine.getRepositoryService().createDeploymentQuery()
        .deploymentName(PlanImportService.DEPLOYMENT_PREFIX + "fy2019-community").count()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void aPlanImportedIntoAnotherYearMovesByWholeYears() throws IOException {
    var result = imports.importPlan("fy2019-community.yaml", StandalonePlanServices.seedYaml(), 2026);

    assertThat(result.planKey()).isEqualTo("FY2026-plan-fy2019-community");
    assertThat(result.initiativesStarted()).isEqualTo(29);
    var support = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey("FY2026-hiroba-model-support").singleResult();
    assertThat(PhasePlanCodec.read(engine.getRuntimeService().getVariable(support.getId(), Var.PHASE_PLAN)).get(0).endDay())
        .isEqualTo(LocalDate.of(2026, 9, 30));
    assertThat(engine.getRuntimeService().getVariable(support.getId(), Var.FISCAL_YEAR)).isEqualTo(2026);
  }

  @Test
  void aRevisedPlanMovesRunningInitiativesAndAuditorsSeeTheChange() throws IOException {
    imports.importPlan("fy2019-community.yaml", StandalonePlanServices.seedYaml(), null);
    var support = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey("FY2019-hiroba-model-support").singleResult();
    String revisedYaml = StandalonePlanServices.seedYamlReplacing(
        "{ stage: coordinate, name: 要領作成, start: Q1, end: Q2 }",
        "{ stage: coordinate, name: 要領作成, start: Q1, end: 2019-10 }",
        "title: 第1回有識者会議, kind: meeting, date: 2019-07-09",
        "title: 第1回有識者会議, kind: meeting, date: 2019-07-16");
    var result = imports.importPlan("fy2019-community.yaml", revisedYaml, null, "manager");

    assertThat(result.status()).isEqualTo(PlanImportResult.Status.REVISED);
    assertThat(result.initiativesRevised()).isEqualTo(1);
    assertThat(result.initiativesStarted()).isZero();
    var task = engine.getTaskService().createTaskQuery().processInstanceId(support.getId()).singleResult();
    assertThat(task.getDueDate()).isEqualTo(Date.from(ZonedDateTime.of(2019, 10, 31, 17, 15, 0, 0,
        CityTime.ZONE).toInstant()));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(support.getId()).singleResult()
        .getDuedate()).isEqualTo(CityTime.startOf(LocalDate.of(2019, 11, 1)));

    var updates = engine.getHistoryService().createHistoricDetailQuery().processInstanceId(support.getId())
        .variableUpdates().orderByVariableRevision().asc().list().stream()
        .map(HistoricVariableUpdate.class::cast)
        .filter(u -> u.getVariableName().equals(Var.PHASE_PLAN)).toList();
    assertThat(updates).hasSize(2);
    assertThat((String) updates.get(1).getValue()).contains("2019-10-31");
    assertThat(engine.getTaskService().getProcessInstanceComments(support.getId())).singleElement()
        .satisfies(c -> assertThat(c.getFullMessage()).contains("計画改定", "Q1〜Q2", "Q1〜2019-10"));
    assertThat(engine.getHistoryService().createUserOperationLogQuery().processInstanceId(support.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE).singleResult().getUserId())
        .isEqualTo("manager");

    var planInstance = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey("FY2019-plan-fy2019-community").singleResult();
    var councilTimer = engine.getManagementService().createJobQuery().processInstanceId(planInstance.getId())
        .timers().list().stream()
        .filter(job -> "expert-council-1".equals(engine.getRuntimeService().getVariable(job.getExecutionId(),
            FiscalYearPlan.Var.MILESTONE_ID)))
        .toList();
    assertThat(councilTimer).singleElement().extracting(org.camunda.bpm.engine.runtime.Job::getDuedate)
        .as("preparation now opens 14 days before the moved meeting")
        .isEqualTo(CityTime.startOf(LocalDate.of(2019, 7, 2)));

    assertThat(imports.importPlan("fy2019-community.yaml", revisedYaml, null).status())
        .isEqualTo(PlanImportResult.Status.UNCHANGED);
  }

}
