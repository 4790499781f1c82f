package jp.shisakuflow.chart;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code shisaku.chart.*}: the Japanese font the A3 sheet embeds (Debian's IPAex Gothic by default). */
@ConfigurationProperties("shisaku.chart")
public record ChartProperties(Path font) {

  public static final Path DEBIAN_IPAEX_GOTHIC = Path.of("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf");

  public ChartProperties {
    font = font == null ? DEBIAN_IPAEX_GOTHIC : font;
  }
}
