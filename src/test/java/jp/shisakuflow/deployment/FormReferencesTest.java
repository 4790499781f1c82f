package jp.shisakuflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import jp.shisakuflow.ProcessTestEngine;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeLifecycleService;
import jp.shisakuflow.initiative.InitiativeStart;
import jp.shisakuflow.initiative.TaskCompletionRules;
import jp.shisakuflow.security.CompletionFields;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every user task of every process has a Camunda Form, and the form it names is deployed with it. */
class FormReferencesTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessTestEngine.plain();

  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void removeDeployments() {
    var repository = extension.getProcessEngine().getRepositoryService();
    repository.createDeploymentQuery().deploymentName(ProcessResourceDeployer.DEPLOYMENT_NAME).list()
        .forEach(d -> repository.deleteDeployment(d.getId(), true));
  }

  @Test
  void everyUserTaskNamesAFormThatIsDeployed() throws Exception {
    ProcessEngine engine = extension.getProcessEngine();
    new ProcessResourceDeployer("classpath*:processes/").postProcessEngineBuild(engine);
    var deployment = engine.getRepositoryService().createDeploymentQuery()
        .deploymentName(ProcessResourceDeployer.DEPLOYMENT_NAME).singleResult();

    Map<String, JsonNode> deployedForms = new HashMap<>();
    for (var resource : engine.getRepositoryService().getDeploymentResources(deployment.getId())) {
      if (resource.getName().endsWith(".form")) {
        JsonNode form = JSON.readTree(resource.getBytes());
        deployedForms.put(form.get("id").asText(), form);
      }
    }
    int userTasks = 0;
    for (var entry : ProcessResources.scan("classpath*:processes/")) {
      if (!entry.extension().equals("bpmn")) {
        continue;
      }
      try (InputStream in = entry.open()) {
        for (UserTask task : Bpmn.readModelFromStream(in).getModelElementsByType(UserTask.class)) {
          userTasks++;
          assertThat(task.getCamundaFormRef()).as(entry.name() + " " + task.getId() + " has a form").isNotBlank();
          assertThat(task.getCamundaFormRefBinding()).as("forms bind to their latest version").isEqualTo("latest");
          assertThat(deployedForms).as(entry.name() + " " + task.getId()).containsKey(task.getCamundaFormRef());
          // A completion may set only its form's fields: what the task's rules read must be one of them.
          assertThat(CompletionFields.fields(deployedForms.get(task.getCamundaFormRef())).editable())
              .as(task.getId() + "'s form has every input its rules read")
              .containsAll(TaskCompletionRules.inputs(task.getId()));
        }
      }
    }
    assertThat(userTasks).isGreaterThanOrEqualTo(11);
    assertThat(deployedForms).allSatisfy((id, form) -> assertThat(form.get("components").toString())
        .as(id + " speaks Japanese").containsPattern("\\p{IsHan}|\\p{IsHiragana}|\\p{IsKatakana}"));
  }

  @Test
  void theEngineResolvesAFormForAnOpenTask() throws Exception {
    ProcessEngine engine = extension.getProcessEngine();
    new ProcessResourceDeployer("classpath*:processes/").postProcessEngineBuild(engine);
    var lifecycles = new InitiativeLifecycleService(engine.getRuntimeService(), engine.getHistoryService(),
        engine.getAuthorizationService());
    String id = lifecycles.startIfAbsent(InitiativeStart.unplanned("form-check", "フォームの確認", "hiroba",
        "communityPromotion", 2019)).orElseThrow();
    var task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult();

    try (InputStream form = engine.getFormService().getDeployedTaskForm(task.getId())) {
      JsonNode json = JSON.readTree(form);
      assertThat(json.get("id").asText()).isEqualTo("coordinate");
      assertThat(json.toString()).contains("相手方・関係課", "調整内容", "合意事項", "次回予定日");
    }
    engine.getRuntimeService().deleteProcessInstance(id, "test done");
    assertThat(InitiativeLifecycle.Element.TASK_COORDINATE).isEqualTo(task.getTaskDefinitionKey());
  }
}
