package jp.shisakuflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.shisakuflow.ShisakuFlowApplication;
import jp.shisakuflow.support.OwnApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
@Tag(OwnApplication.TAG)
class InvalidProcessFileStopsStartupTest {

  @Test
  void startupStopsAndReportsTheBadFile(CapturedOutput output) {
    var application = new SpringApplicationBuilder(ShisakuFlowApplication.class)
        .profiles("test");

    assertThatThrownBy(() -> application.run(
        "--shisaku.processes.location=classpath*:invalid-processes/invalid-bpmn/", "--server.port=0")).hasRootCauseInstanceOf(org.camunda.bpm.engine.ParseException.class);

    assertThat(output.getOut() + output.getErr())
        .contains("The process files could not be deployed:")
        .contains("  - missing-implementation.bpmn (line ")
        .contains("Fix the files named above in processes/");
  }
}
