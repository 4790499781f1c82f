package jp.shisakuflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CompletionFieldsTest {

  @Test
  void aFormsKeyedFieldsAreWhatACompletionMaySetGroupsIncludedAndReadOnlyApart() throws Exception {
    var form = new ObjectMapper().readTree("""
        {"components": [
          {"type": "text", "text": "説明"},
          {"type": "textfield", "key": "site"},
          {"type": "group", "components": [{"type": "number", "key": "count"}]},
          {"type": "select", "key": "recommended", "readonly": true},
          {"type": "textarea", "key": "hidden", "disabled": true}
        ]}""");

    var fields = CompletionFields.fields(form);

    assertThat(fields.editable()).containsExactlyInAnyOrder("site", "count");
    assertThat(fields.readOnly()).containsExactlyInAnyOrder("recommended", "hidden");
  }
}
