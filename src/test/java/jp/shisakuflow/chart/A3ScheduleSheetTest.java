package jp.shisakuflow.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import jp.shisakuflow.fiscalyear.StandalonePlanServices;
import jp.shisakuflow.plan.Milestone;
import jp.shisakuflow.plan.Plan;
import jp.shisakuflow.plan.PlanParser;
import jp.shisakuflow.plan.PlannedInitiative;
import jp.shisakuflow.progress.ProgressStatus;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The seed plan's A3 sheet, read back by PDFBox's text extraction: every item, milestone and the era date. */
class A3ScheduleSheetTest {

  static final Plan SEED = PlanParser.forImportedPlans().parse("fy2019-community.yaml", StandalonePlanServices.seedYaml());
  static final LocalDate AS_OF = LocalDate.of(2019, 7, 9);

  @Test
  void theSeedSheetSaysEveryItemMilestoneAndTheEraDate() throws Exception {
    byte[] pdf = new A3ScheduleSheet(ChartProperties.DEBIAN_IPAEX_GOTHIC).render(SEED, AS_OF,
        Map.of("hiroba-model-support", ProgressStatus.ON_SCHEDULE, "hiroba-guidebook", ProgressStatus.DELAYED));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      picture(document, "a3-seed");
      PDRectangle box = document.getPage(0).getMediaBox();
      assertThat(box.getWidth()).as("A3 landscape").isCloseTo(1190.55f, org.assertj.core.data.Offset.offset(1f));
      assertThat(box.getHeight()).isCloseTo(841.89f, org.assertj.core.data.Offset.offset(1f));
      PDFont font = document.getPage(0).getResources().getFont(document.getPage(0).getResources().getFontNames()
          .iterator().next());
      assertThat(font.getName()).contains("IPAexGothic");
      assertThat(font.isEmbedded()).isTrue();

      String text = flat(new PDFTextStripper().getText(document));
      assertThat(text).contains("「これからのコミュニティ施策の基本的考え方」に基づく今年度の主な取組スケジュール（案）")
          .contains("令和元年7月9日現在").contains("第1四半期").contains("第4四半期").contains("4月").contains("3月")
          .contains("次年度以降").contains("予定通り").contains("遅延");
      for (Plan.Workstream workstream : SEED.workstreams()) {
        assertThat(text).as("workstream %s", workstream.id()).contains(flat(workstream.name()));
      }
      assertThat(SEED.initiatives()).hasSizeGreaterThan(20);
      for (PlannedInitiative item : SEED.initiatives()) {
        assertThat(text).as("item %s", item.id()).contains(flat("●" + item.title()));
        item.phases().forEach(phase -> assertThat(text).as("phase of %s", item.id()).contains(flat(phase.name()))
            .contains(flat(phase.periodTextJa())));
        if (A3ScheduleSheet.continues(item)) {
          assertThat(text).as("次年度以降 of %s", item.id()).contains(flat(item.nextYearLabel()));
        }
      }
      assertThat(SEED.milestones()).hasSizeGreaterThan(20);
      for (Milestone milestone : SEED.milestones()) {
        assertThat(text).as("milestone %s", milestone.id()).contains(flat(A3ScheduleSheet.milestoneLabel(milestone)));
      }
      // a day where the chart prints one, the chart's words where it does not: never an invented day
      assertThat(text).contains("第1回有識者会議（7月9日）").contains("第2回有識者会議（第3四半期頃）")
          .contains("10月以降、年度内").doesNotContain("次年度の予定なし");
    }
  }

  @Test
  void aMissingFontIsNamed() {
    Path missing = Path.of("/nonexistent/ipaexg.ttf");
    assertThat(Files.exists(missing)).isFalse();
    assertThatThrownBy(() -> new A3ScheduleSheet(missing).render(SEED, AS_OF, Map.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/nonexistent/ipaexg.ttf")
        .hasMessageContaining("shisaku.chart.font");
  }

  /** The sheet as a picture to look at, target/chart/{name}.png (docs/a3-chart.png is ChartApiTest's). */
  static void picture(PDDocument document, String name) throws java.io.IOException {
    Files.createDirectories(Path.of("target/chart"));
    ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 110), "png", Path.of("target/chart", name + ".png").toFile());
  }

  /** Text without the line breaks and spaces wrapping put in. */
  static String flat(String text) {
    return text.replaceAll("\\s", "");
  }
}
