package jp.shisakuflow.initiative;

import java.util.Arrays;
import java.util.Optional;
import jp.shisakuflow.initiative.InitiativeLifecycle.Element;

/** The canonical stages of {@code initiative-lifecycle}, in their order, with the user task of each. */
public enum Stage implements Coded {
  COORDINATE("coordinate", "調整", Element.TASK_COORDINATE),
  IMPLEMENT_MODEL("implementModel", "モデル実施", Element.TASK_IMPLEMENT_MODEL),
  VERIFY("verify", "検証", Element.TASK_VERIFY),
  CONTINUE_IMPLEMENTATION("continueImplementation", "継続実施", Element.TASK_CONTINUE_IMPLEMENTATION);

  private final String code;
  private final String labelJa;
  private final String taskId;

  Stage(String code, String labelJa, String taskId) {
    this.code = code;
    this.labelJa = labelJa;
    this.taskId = taskId;
  }

  @Override
  public String code() {
    return code;
  }

  public String labelJa() {
    return labelJa;
  }

  public String taskId() {
    return taskId;
  }

  public static Optional<Stage> fromCode(String code) {
    return Coded.fromCode(Stage.class, code);
  }

  public static Optional<Stage> ofTask(String taskDefinitionKey) {
    return Arrays.stream(values()).filter(s -> s.taskId.equals(taskDefinitionKey)).findFirst();
  }
}
