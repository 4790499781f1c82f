package jp.shisakuflow.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.shisakuflow.initiative.BusinessKey;
import jp.shisakuflow.initiative.InitiativeProcesses;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * {@code GET /api/audit/export?fiscalYear=}: a ZIP with every initiative's trail of the year as JSON, then
 * {@link ChainedManifest#FILE} (entries chained by SHA-256), its signature and the signer's public key.
 * Streamed: one trail at a time is in memory, plus the manifest's entries (a few hundred bytes each).
 */
@Service
public class AuditExportService {

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
  static final int PAGE = 200;

  private final HistoryService historyService;
  private final AuditTrailService trails;
  private final AuditSigningKey signingKey;

  public AuditExportService(HistoryService historyService, AuditTrailService trails, AuditSigningKey signingKey) {
    this.historyService = historyService;
    this.trails = trails;
    this.signingKey = signingKey;
  }

  /** Writes the export to {@code out}, flushing after each trail; does not close {@code out}. */
  public void export(int fiscalYear, OutputStream out) throws IOException {
    export(fiscalYear, out, signingKey.forCity(null));
  }

  /** As {@link #export(int, OutputStream)}, signed with {@code key} (a city's, {@link AuditSigningKey#forCity}). */
  public void export(int fiscalYear, OutputStream out, AuditSigningKey.Key key) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    List<ChainedManifest.Entry> entries = new ArrayList<>();
    String previous = ChainedManifest.GENESIS;
    List<HistoricProcessInstance> page;
    int first = 0;
    do {
      page = historyService.createHistoricProcessInstanceQuery()
          .processDefinitionKeyIn(InitiativeProcesses.keys())
          .processInstanceBusinessKeyLike(BusinessKey.likeInYear(fiscalYear))
          .orderByProcessInstanceBusinessKey().asc().orderByProcessInstanceId().asc()
          .listPage(first, PAGE);
      first += page.size();
      for (HistoricProcessInstance instance : page) {
        String file = "trails/" + instance.getBusinessKey() + ".json";
        byte[] bytes = JSON.writeValueAsBytes(trails.trail(instance));
        String hash = ChainedManifest.sha256(bytes);
        String chain = ChainedManifest.link(previous, file, hash);
        entries.add(new ChainedManifest.Entry(entries.size() + 1, file, hash, previous, chain));
        previous = chain;
        write(zip, file, bytes);
      }
    } while (page.size() == PAGE);
    byte[] manifest = JSON.writeValueAsBytes(new ChainedManifest(fiscalYear,
        ClockUtil.getCurrentTime().toInstant().toString(), SigningKeys.ALGORITHM, key.keyId(), entries));
    write(zip, ChainedManifest.FILE, manifest);
    write(zip, ChainedManifest.SIGNATURE_FILE, Base64.getEncoder().encode(key.sign(manifest)));
    write(zip, ChainedManifest.KEY_FILE,
        SigningKeys.publishedPem(key.publicKey()).getBytes(StandardCharsets.US_ASCII));
    zip.finish();
    out.flush();
  }

  private static void write(ZipOutputStream zip, String file, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(file));
    zip.write(bytes);
    zip.closeEntry();
    zip.flush();
  }
}
