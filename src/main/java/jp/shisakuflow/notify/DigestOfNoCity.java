package jp.shisakuflow.notify;

import jp.shisakuflow.operations.CitylessProcess;
import org.springframework.stereotype.Component;

/** The daily digest runs for every city at once (its timer starts it, nobody's work): its instances have no city. */
@Component
public class DigestOfNoCity implements CitylessProcess {

  @Override
  public String processKey() {
    return DailyDigest.PROCESS_KEY;
  }
}
