package jp.shisakuflow.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

/**
 * The report as CSV, one row per initiative; UTF-8 with a BOM so that Excel reads the Japanese right, text
 * that starts like a formula neutralised ({@link SpreadsheetText}).
 */
@Component
public class CsvReportWriter {

  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  public byte[] write(QuarterlyReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(BOM);
    List<String> header = new ArrayList<>(List.of("年度", "四半期", "基準日", "ワークストリーム"));
    header.addAll(ReportRows.INITIATIVE_HEADER);
    try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
        CSVFormat.EXCEL.builder().setHeader(header.toArray(String[]::new)).get())) {
      for (var initiative : report.progress().initiatives()) {
        List<Object> row = new ArrayList<>(List.of(report.fiscalYear(), report.quarter(), report.asOf(),
            report.workstreamName(initiative.workstream())));
        row.addAll(ReportRows.initiative(initiative, report.latestComments().get(initiative.processInstanceId())));
        csv.printRecord(SpreadsheetText.cells(row));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
