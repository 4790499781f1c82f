package jp.shisakuflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ShisakuFlowApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShisakuFlowApplication.class, args);
  }
}
