package jp.shisakuflow.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeSteps;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * {@code GET /api/audit/export?fiscalYear=}: a ZIP with every initiative's trail of the year as JSON,
 * and {@link ChainedManifest#FILE}, whose entries are chained by SHA-256.
 */
@Service
public class AuditExportService {

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

  private final HistoryService historyService;
  private final AuditTrailService trails;

  public AuditExportService(HistoryService historyService, AuditTrailService trails) {
    this.historyService = historyService;
    this.trails = trails;
  }

  public byte[] export(int fiscalYear) {
    List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKeyIn(InitiativeLifecycle.PROCESS_KEY, InitiativeSteps.PROCESS_KEY)
        .processInstanceBusinessKeyLike("FY" + fiscalYear + "-%")
        .orderByProcessInstanceBusinessKey().asc()
        .listPage(0, 100_000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      List<ChainedManifest.Entry> entries = new ArrayList<>();
      String previous = ChainedManifest.GENESIS;
      for (HistoricProcessInstance instance : instances) {
        String file = "trails/" + instance.getBusinessKey() + ".json";
        byte[] bytes = JSON.writeValueAsBytes(trails.trail(instance));
        String hash = ChainedManifest.sha256(bytes);
        String chain = ChainedManifest.link(previous, file, hash);
        entries.add(new ChainedManifest.Entry(entries.size() + 1, file, hash, previous, chain));
        previous = chain;
        zip.putNextEntry(new ZipEntry(file));
        zip.write(bytes);
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry(ChainedManifest.FILE));
      zip.write(JSON.writeValueAsBytes(new ChainedManifest(fiscalYear,
          ClockUtil.getCurrentTime().toInstant().toString(), entries)));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
