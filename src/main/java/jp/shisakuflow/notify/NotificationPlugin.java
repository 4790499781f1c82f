package jp.shisakuflow.notify;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Adds the notification listener to every user task of every process, so no BPMN file has to. */
@Component
public class NotificationPlugin extends SpringProcessEnginePlugin {

  private final TaskNotifications notifications;

  public NotificationPlugin(@Lazy TaskNotifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    TaskNotificationListener listener = new TaskNotificationListener(notifications);
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        definition.addTaskListener(org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_ASSIGNMENT, listener);
        definition.addTaskListener(org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_CREATE, listener);
      }
    });
  }
}
