package jp.shisakuflow.plan.workbook;

import javax.xml.namespace.QName;
import org.apache.poi.ss.usermodel.FontCharset;
import org.apache.poi.ss.usermodel.FontScheme;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.xmlbeans.XmlCursor;

/** What every workbook the office gets from the product has: a Japanese 標準 (Normal) style, declared. */
public final class OfficeWorkbooks {

  /** The Normal style's font. */
  public static final String FONT = "游ゴシック";

  private OfficeWorkbooks() {}

  /**
   * The workbook's 標準 (Normal) style: its font (the first one, which every cell without a style uses) is
   * {@link #FONT} at {@code points}, and the style is declared in cellStyles — readers warn about a workbook without it.
   */
  public static void japaneseNormalStyle(XSSFWorkbook workbook, int points) {
    XSSFFont normal = workbook.getFontAt(0);
    normal.setFontName(FONT);
    normal.setFontHeightInPoints((short) points);
    normal.setCharSet(FontCharset.SHIFTJIS.getValue());
    normal.setScheme(FontScheme.NONE);
    declareNormalStyle(workbook);
  }

  /**
   * Adds {@code <cellStyles><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>} to styles.xml when
   * POI left it out (poi-ooxml-lite has no class for it, so the XML is written with a cursor).
   */
  private static void declareNormalStyle(XSSFWorkbook workbook) {
    var stylesheet = workbook.getStylesSource().getCTStylesheet();
    String ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    try (XmlCursor cursor = stylesheet.newCursor()) {
      if (cursor.toChild(new QName(ns, "cellStyles"))) {
        return;
      }
    }
    // POI writes the other parts at write time; XmlBeans keeps the schema's order (cellStyles after cellXfs)
    try (XmlCursor cursor = stylesheet.newCursor()) {
      cursor.toEndToken();
      cursor.beginElement(new QName(ns, "cellStyles"));
      cursor.insertAttributeWithValue("count", "1");
      cursor.beginElement(new QName(ns, "cellStyle"));
      cursor.insertAttributeWithValue("name", "Normal");
      cursor.insertAttributeWithValue("xfId", "0");
      cursor.insertAttributeWithValue("builtinId", "0");
    }
  }
}
