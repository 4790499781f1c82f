package jp.shisakuflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Japanese locale of each webapp has every key of the English one that Camunda ships, and no other:
 * after an upgrade, a new English key fails this test instead of showing up in English.
 */
class JapaneseLocaleTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|%[sd]");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void japaneseHasExactlyTheKeysOfEnglish(String app) throws IOException {
    Map<String, JsonNode> english = flatten(read(app, "en"));
    Map<String, JsonNode> japanese = flatten(read(app, "ja"));

    assertThat(japanese.keySet()).as("missing keys").containsAll(english.keySet());
    assertThat(english.keySet()).as("extra keys").containsAll(japanese.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyLabelIsTranslatedAndKeepsItsPlaceholders(String app) throws IOException {
    Map<String, JsonNode> english = flatten(read(app, "en").path("labels"));
    Map<String, JsonNode> japanese = flatten(read(app, "ja").path("labels"));
    int translated = 0;
    for (Map.Entry<String, JsonNode> entry : english.entrySet()) {
      String en = entry.getValue().asText();
      String ja = japanese.get(entry.getKey()).asText();
      Matcher placeholders = PLACEHOLDER.matcher(en);
      while (placeholders.find()) {
        assertThat(ja).as(app + " " + entry.getKey()).contains(placeholders.group());
      }
      if (ja.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
          || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
          || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA)) {
        translated++;
      }
    }
    assertThat(translated).as(app + ": labels in Japanese").isGreaterThan(english.size() * 8 / 10);
  }

  private static JsonNode read(String app, String locale) throws IOException {
    String path = "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + locale + ".json";
    try (InputStream in = JapaneseLocaleTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      byte[] bytes = in.readAllBytes();
      int bom = bytes.length > 2 && bytes[0] == (byte) 0xEF ? 3 : 0;
      return JSON.readTree(new String(bytes, bom, bytes.length - bom, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** Every leaf by its path; an array counts as one leaf. */
  private static Map<String, JsonNode> flatten(JsonNode node) {
    Map<String, JsonNode> leaves = new TreeMap<>();
    flatten("", node, leaves);
    return leaves;
  }

  private static void flatten(String path, JsonNode node, Map<String, JsonNode> leaves) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
      }
    } else {
      leaves.put(path, node);
    }
  }
}
