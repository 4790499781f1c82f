package jp.shisakuflow.operations;

import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/cities/{city}/records-of-no-city} (administrators only, security.SecurityConfiguration):
 * records of no city given {@code city} ({@link RecordsOfNoCity}); {@code dryRun=true} (the default) only counts.
 */
@RestController
public class RecordsOfNoCityController {

  private final RecordsOfNoCity records;

  public RecordsOfNoCityController(RecordsOfNoCity records) {
    this.records = records;
  }

  @PostMapping("/api/admin/cities/{city}/records-of-no-city")
  public Map<String, Object> assign(@PathVariable String city, @RequestParam(defaultValue = "true") boolean dryRun) {
    return RecordsOfNoCity.summary(city, dryRun, records.assign(city, dryRun));
  }
}
