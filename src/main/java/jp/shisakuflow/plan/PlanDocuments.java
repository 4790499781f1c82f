package jp.shisakuflow.plan;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.shisakuflow.plan.workbook.PlanWorkbookReader;

/** Reads an uploaded plan file, YAML or Excel, by its media type (or, without one, by its file name). */
public final class PlanDocuments {

  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private PlanDocuments() {}

  public static PlanDocument read(String source, String contentType, byte[] content) {
    if (isWorkbook(source, contentType)) {
      return PlanWorkbookReader.read(source, content);
    }
    return PlanDocument.yaml(source, utf8(source, content));
  }

  static boolean isWorkbook(String source, String contentType) {
    return contentType != null && contentType.startsWith(XLSX)
        || (contentType == null || contentType.startsWith("application/octet-stream"))
        && source != null && source.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx");
  }

  private static String utf8(String source, byte[] content) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidPlanException(source, List.of(new PlanError(0,
          "UTF-8 のテキストとして読めません。YAML は UTF-8 で保存してください (not UTF-8 text)")));
    }
  }
}
