package jp.shisakuflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ShisakuFlowApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("verify")) {
      // Checking an audit export needs no application: no database, no server.
      System.exit(jp.shisakuflow.audit.AuditExportVerifier.run(args));
    }
    SpringApplication.run(ShisakuFlowApplication.class, args);
  }
}
