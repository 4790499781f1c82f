package jp.shisakuflow.time;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringProcessEnginePlugin;
import org.springframework.stereotype.Component;

/** The engine reads timer crons in the city's zone ({@link CityCycleCalendar}). */
@Component
public class CityTimeEnginePlugin extends SpringProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setBusinessCalendarManager(CityCycleCalendar.calendars());
  }
}
