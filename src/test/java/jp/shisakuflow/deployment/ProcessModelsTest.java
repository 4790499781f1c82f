package jp.shisakuflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import jp.shisakuflow.fiscalyear.AssemblyDecision;
import jp.shisakuflow.fiscalyear.FiscalYearPlan;
import jp.shisakuflow.initiative.Coded;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import jp.shisakuflow.initiative.InitiativeSteps;
import jp.shisakuflow.initiative.Outcome;
import jp.shisakuflow.initiative.Stage;
import jp.shisakuflow.initiative.TaskCompletionRules;
import jp.shisakuflow.initiative.VerificationRating;
import jp.shisakuflow.notify.DailyDigest;
import jp.shisakuflow.organization.OrganizationGroup;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The models in {@code processes/} and the code agree: names, id conventions, the backing classes'
 * constants, the beans and groups the models name, and the forms' choices and limits. Each failure names
 * the file, the element and the value that disagree. Conventions: see docs/models.md.
 */
class ProcessModelsTest {

  static final Path PROCESSES = Path.of("processes");
  static final Path SOURCES = Path.of("src");

  /**
   * The id prefix of each kind of flow element, as the models use them: the Modeler's generated ids
   * ({@code Activity_0xyz12a}) are not allowed, an id says what the element is.
   */
  static final Map<Class<? extends FlowElement>, String> PREFIXES = prefixes();

  /** An id is its prefix then a PascalCase ASCII name: {@code Task_DecideNextYear}. */
  static final Pattern NAME_AFTER_PREFIX = Pattern.compile("[A-Z][A-Za-z0-9]*");

  /** Each process model and the class whose constants the code uses for it. */
  static final Map<String, Class<?>> BACKING_CLASSES = Map.of(
      "initiative-lifecycle.bpmn", InitiativeLifecycle.class,
      "initiative-steps.bpmn", InitiativeSteps.class,
      "fiscal-year-plan.bpmn", FiscalYearPlan.class,
      "daily-digest.bpmn", DailyDigest.class);

  /** The variables the models may name in expressions. */
  static final List<Class<?>> VARIABLE_CLASSES = List.of(InitiativeLifecycle.Var.class, FiscalYearPlan.Var.class,
      DailyDigest.Var.class);

  /** Each form choice field (select, radio) and the enum whose codes and Japanese labels it offers. */
  static final Map<String, List<Choice>> CHOICES = Map.of(
      InitiativeLifecycle.Var.VERIFICATION_RATING, Arrays.stream(VerificationRating.values())
          .map(r -> new Choice(r.code(), r.labelJa())).toList(),
      InitiativeLifecycle.Var.RECOMMENDED_OUTCOME, outcomeChoices(),
      InitiativeLifecycle.Var.DECIDED_OUTCOME, outcomeChoices(),
      FiscalYearPlan.Var.ASSEMBLY_DECISION, Arrays.stream(AssemblyDecision.values())
          .map(d -> new Choice(d.code(), d.labelJa())).toList(),
      InitiativeLifecycle.Var.WARDS, Arrays.stream(OrganizationGroup.values())
          .filter(g -> g.type() == OrganizationGroup.Type.WARD).map(g -> new Choice(g.id(), g.nameJa())).toList());

  /** A choice spelled in a FEEL list of options ({@code valuesExpression}): {@code {label:"…", value:"…"}}. */
  static final Pattern FEEL_OPTION = Pattern.compile("\\{label:\\s*\"([^\"]*)\",\\s*value:\\s*\"([^\"]*)\"}");

  /** Names an expression may use that are neither beans nor process variables. */
  static final Set<String> EXPRESSION_BUILTINS = Set.of("execution", "task", "true", "false", "null", "empty",
      "not", "and", "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");

  static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}");
  static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)(\\s*[.(])?");
  static final Pattern STRING_LITERAL = Pattern.compile("'[^']*'|\"[^\"]*\"");
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyModelIsNamedAfterItsProcessDecisionOrForm() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files(PROCESSES, ".bpmn")) {
      List<String> ids = bpmn(file).getModelElementsByType(Process.class).stream().map(Process::getId).toList();
      if (!ids.equals(List.of(baseName(file)))) {
        problems.add(file + ": process ids " + ids + ", expected exactly [" + baseName(file) + "]");
      }
    }
    for (Path file : files(PROCESSES, ".dmn")) {
      List<String> ids = dmn(file).getModelElementsByType(Decision.class).stream().map(Decision::getId).toList();
      if (!ids.equals(List.of(baseName(file)))) {
        problems.add(file + ": decision ids " + ids + ", expected exactly [" + baseName(file) + "]");
      }
    }
    for (Path file : files(PROCESSES.resolve("forms"), ".form")) {
      String id = JSON.readTree(file.toFile()).path("id").asText();
      if (!id.equals(baseName(file))) {
        problems.add(file + ": form id '" + id + "', expected '" + baseName(file) + "'");
      }
    }
    assertThat(problems).as("models named after their file").isEmpty();
  }

  @Test
  void everyFlowElementIdIsAsciiAndTypePrefixed() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files(PROCESSES, ".bpmn")) {
      for (FlowElement element : bpmn(file).getModelElementsByType(FlowElement.class)) {
        String type = element.getElementType().getTypeName();
        String prefix = prefixOf(element);
        if (prefix == null) {
          problems.add(file + ": " + element.getId() + " is a " + type + ", for which no id prefix is agreed"
              + " (add one to ProcessModelsTest.PREFIXES and docs/models.md)");
        } else if (!element.getId().startsWith(prefix)
            || !NAME_AFTER_PREFIX.matcher(element.getId().substring(prefix.length())).matches()) {
          problems.add(file + ": " + element.getId() + " (" + type + ") should be " + prefix
              + "<PascalCaseAsciiName>");
        }
      }
    }
    assertThat(problems).as("flow element ids").isEmpty();
  }

  @Test
  void everyFlowElementIsDrawn() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files(PROCESSES, ".bpmn")) {
      BpmnModelInstance model = bpmn(file);
      Set<String> drawn = new HashSet<>();
      model.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
      model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        if (!drawn.contains(element.getId())) {
          problems.add(file + ": " + element.getId() + " has no BPMNShape/BPMNEdge (Cockpit and the Modeler show"
              + " nothing for it)");
        }
      }
    }
    assertThat(problems).as("diagram interchange").isEmpty();
  }

  @Test
  void backingClassesNameTheirModelAndOnlyIdsInIt() throws Exception {
    List<String> problems = new ArrayList<>();
    assertThat(files(PROCESSES, ".bpmn")).as("every process model has a backing class")
        .extracting(f -> f.getFileName().toString()).containsExactlyInAnyOrderElementsOf(BACKING_CLASSES.keySet());
    for (var entry : BACKING_CLASSES.entrySet()) {
      Path file = PROCESSES.resolve(entry.getKey());
      Class<?> backing = entry.getValue();
      expectConstant(backing, "PROCESS_KEY", baseName(file), problems);
      expectConstant(backing, "RESOURCE", "processes/" + entry.getKey(), problems);
      BpmnModelInstance model = bpmn(file);
      for (var constant : elementConstants(backing).entrySet()) {
        if (model.getModelElementById(constant.getValue()) == null) {
          problems.add(constant.getKey() + " = '" + constant.getValue() + "' is no element of " + file);
        }
      }
    }
    expectConstant(InitiativeLifecycle.class, "DECISION_KEY",
        baseName(Path.of(InitiativeLifecycle.DECISION_RESOURCE)), problems);
    if (!Files.exists(Path.of(InitiativeLifecycle.DECISION_RESOURCE))) {
      problems.add("InitiativeLifecycle.DECISION_RESOURCE: no file " + InitiativeLifecycle.DECISION_RESOURCE);
    }
    assertThat(problems).as("backing class constants").isEmpty();
  }

  /** A constant nobody reads is a second home for an id; code and tests must use each one. */
  @Test
  void everyElementConstantIsUsedOutsideItsClass() throws IOException {
    Map<Path, String> sources = javaSources();
    List<String> problems = new ArrayList<>();
    for (Class<?> backing : BACKING_CLASSES.values()) {
      String className = backing.getSimpleName();
      for (String constant : elementConstants(backing).keySet()) {
        String name = constant.substring(constant.lastIndexOf('.') + 1);
        Pattern use = Pattern.compile("\\b" + name + "\\b");
        boolean used = sources.entrySet().stream()
            .filter(s -> !s.getKey().getFileName().toString().equals(className + ".java"))
            .anyMatch(s -> s.getValue().contains(className) && use.matcher(s.getValue()).find());
        if (!used) {
          problems.add(constant + " is used nowhere in src/: use it or remove it");
        }
      }
    }
    assertThat(problems).as("unused element constants").isEmpty();
  }

  /** Code names model ids only through the backing classes' constants, never as a string of its own. */
  @Test
  void codeNamesModelIdsOnlyThroughConstants() throws IOException {
    Set<String> modelIds = new TreeSet<>();
    for (Path file : files(PROCESSES, ".bpmn")) {
      bpmn(file).getModelElementsByType(FlowElement.class).forEach(e -> modelIds.add(e.getId()));
    }
    Set<String> backingFiles = new HashSet<>();
    BACKING_CLASSES.values().forEach(c -> backingFiles.add(c.getSimpleName() + ".java"));
    List<String> problems = new ArrayList<>();
    for (var source : javaSources().entrySet()) {
      if (backingFiles.contains(source.getKey().getFileName().toString())) {
        continue;
      }
      Matcher literal = Pattern.compile("\"([A-Za-z]+_[A-Za-z0-9]+)\"").matcher(source.getValue());
      while (literal.find()) {
        if (modelIds.contains(literal.group(1))) {
          problems.add(source.getKey() + ": \"" + literal.group(1) + "\" should be its backing class's constant");
        }
      }
    }
    assertThat(problems).as("model ids written out in code").isEmpty();
  }

  /** The browser scripts cannot read the Java constants; the ids they spell out must still be in a model. */
  @Test
  void scriptsNameOnlyIdsTheModelsHave() throws IOException {
    Set<String> modelIds = new TreeSet<>();
    for (Path file : files(PROCESSES, ".bpmn")) {
      bpmn(file).getModelElementsByType(FlowElement.class).forEach(e -> modelIds.add(e.getId()));
    }
    Pattern quotedId = Pattern.compile("['\"`]((?:" + String.join("|", PREFIXES.values()) + ")[A-Za-z0-9]+)['\"`]");
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES.resolve("main/resources"))) {
      for (Path script : files.filter(f -> f.toString().endsWith(".js")).sorted().toList()) {
        Matcher id = quotedId.matcher(Files.readString(script, StandardCharsets.UTF_8));
        while (id.find()) {
          if (!modelIds.contains(id.group(1))) {
            problems.add(script + ": '" + id.group(1) + "' is no element of any model in processes/");
          }
        }
      }
    }
    assertThat(problems).as("model ids in browser scripts").isEmpty();
  }

  @Test
  void everyExpressionNamesABeanOrAProcessVariable() throws Exception {
    Set<String> beans = springBeanNames();
    Set<String> variables = new HashSet<>();
    VARIABLE_CLASSES.forEach(c -> variables.addAll(stringConstants(c).values()));
    List<String> problems = new ArrayList<>();
    int expressions = 0;
    for (Path file : files(PROCESSES, ".bpmn")) {
      for (Located located : expressions(file)) {
        Matcher expression = EXPRESSION.matcher(located.text());
        while (expression.find()) {
          expressions++;
          String body = expression.group(1).trim();
          String where = file + " " + located.where() + ": ${" + body + "}";
          if (located.attribute().equals("delegateExpression")) {
            if (!beans.contains(body)) {
              problems.add(where + ": no Spring bean named '" + body + "'");
            }
            continue;
          }
          Matcher name = IDENTIFIER.matcher(STRING_LITERAL.matcher(body).replaceAll("''"));
          while (name.find()) {
            String identifier = name.group(1);
            boolean calledOn = name.group(2) != null;
            if (EXPRESSION_BUILTINS.contains(identifier) || beans.contains(identifier)) {
              continue;
            }
            if (calledOn || !variables.contains(identifier)) {
              problems.add(where + ": '" + identifier + "' is neither a Spring bean nor a process variable constant"
                  + " (InitiativeLifecycle.Var, FiscalYearPlan.Var, DailyDigest.Var)");
            }
          }
        }
      }
    }
    assertThat(expressions).as("expressions found in the models").isGreaterThan(10);
    assertThat(problems).as("expression names").isEmpty();
  }

  /** The codes the lifecycle's expressions spell out are the enums' codes, and every outcome has its flow. */
  @Test
  void theLifecycleSpellsStageAndOutcomeCodesAsTheEnumsDo() throws Exception {
    Path file = PROCESSES.resolve("initiative-lifecycle.bpmn");
    Pattern stageArgument = Pattern.compile("planPhases\\.\\w+\\(execution,\\s*'([^']*)'\\)");
    Pattern outcomeComparison = Pattern.compile(InitiativeLifecycle.Var.DECIDED_OUTCOME + "\\s*==\\s*'([^']*)'");
    List<String> problems = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    for (Located located : expressions(file)) {
      Matcher stage = stageArgument.matcher(located.text());
      while (stage.find()) {
        if (Stage.fromCode(stage.group(1)).isEmpty()) {
          problems.add(file + " " + located.where() + ": '" + stage.group(1) + "' is no Stage code "
              + codes(Stage.values()));
        }
      }
      Matcher outcome = outcomeComparison.matcher(located.text());
      while (outcome.find()) {
        outcomes.add(outcome.group(1));
      }
    }
    if (!new TreeSet<>(outcomes).equals(new TreeSet<>(codes(Outcome.values())))
        || outcomes.size() != Outcome.values().length) {
      problems.add(file + ": the flows out of the decision test " + outcomes + ", expected each Outcome code once: "
          + codes(Outcome.values()));
    }
    BpmnModelInstance model = bpmn(file);
    Set<String> overdueTimers = new TreeSet<>();
    for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
      for (TimerEventDefinition timer : event.getChildElementsByType(TimerEventDefinition.class)) {
        overdueTimers.add(event.getId());
        String phase = InitiativeLifecycle.Element.OVERDUE_EVENT_PHASE.get(event.getId());
        String when = timer.getTimeDate() == null ? "" : timer.getTimeDate().getTextContent();
        if (phase == null || !when.contains("'" + phase + "'")) {
          problems.add(file + ": timer " + event.getId() + " (" + when + ") watches no phase or another one than"
              + " InitiativeLifecycle.Element.OVERDUE_EVENT_PHASE says (" + phase + ")");
        }
      }
    }
    if (!overdueTimers.equals(new TreeSet<>(InitiativeLifecycle.Element.OVERDUE_EVENT_PHASE.keySet()))) {
      problems.add(file + ": overdue timers " + overdueTimers + " but OVERDUE_EVENT_PHASE names "
          + new TreeSet<>(InitiativeLifecycle.Element.OVERDUE_EVENT_PHASE.keySet()));
    }
    assertThat(problems).as("stage and outcome codes in the lifecycle").isEmpty();
  }

  @Test
  void everyCandidateGroupIsAnOrganizationGroupOrAnExpression() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files(PROCESSES, ".bpmn")) {
      for (UserTask task : bpmn(file).getModelElementsByType(UserTask.class)) {
        String groups = task.getCamundaCandidateGroups();
        if (groups == null || groups.isBlank()) {
          problems.add(file + ": " + task.getId() + " has no candidate group");
          continue;
        }
        for (String group : groups.split(",")) {
          String id = group.trim();
          if (!EXPRESSION.matcher(id).matches() && OrganizationGroup.fromId(id).isEmpty()) {
            problems.add(file + ": " + task.getId() + " candidate group '" + id + "' is no OrganizationGroup id");
          }
        }
      }
    }
    assertThat(problems).as("candidate groups").isEmpty();
  }

  @Test
  void formChoicesAreTheEnumsCodesAndLabels() throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Path file : files(PROCESSES.resolve("forms"), ".form")) {
      for (JsonNode field : fields(JSON.readTree(file.toFile()))) {
        String type = field.path("type").asText();
        if (!Set.of("select", "radio", "checklist", "taglist").contains(type)) {
          continue;
        }
        String key = field.path("key").asText();
        List<Choice> expected = CHOICES.get(key);
        if (expected == null) {
          problems.add(file + ": " + type + " '" + key + "' offers choices of no known enum (add it to"
              + " ProcessModelsTest.CHOICES)");
          continue;
        }
        seen.add(key);
        List<Choice> actual = new ArrayList<>();
        field.path("values").forEach(v -> actual.add(new Choice(v.path("value").asText(), v.path("label").asText())));
        Matcher option = FEEL_OPTION.matcher(field.path("valuesExpression").asText());
        while (option.find()) {
          actual.add(new Choice(option.group(2), option.group(1)));
        }
        if (!actual.equals(expected)) {
          problems.add(file + ": " + type + " '" + key + "' offers " + actual + ", the enum says " + expected);
        }
      }
    }
    assertThat(seen).as("choice fields found in the forms").containsExactlyInAnyOrderElementsOf(CHOICES.keySet());
    assertThat(problems).as("form choices").isEmpty();
  }

  @Test
  void theAchievementRateFieldHasTheCompletionRulesLimits() throws IOException {
    Path file = PROCESSES.resolve("forms/verify.form");
    JsonNode rate = fields(JSON.readTree(file.toFile())).stream()
        .filter(f -> f.path("key").asText().equals(InitiativeLifecycle.Var.ACHIEVEMENT_RATE)).findFirst()
        .orElseThrow(() -> new AssertionError(file + ": no field " + InitiativeLifecycle.Var.ACHIEVEMENT_RATE));
    String where = file + " field " + InitiativeLifecycle.Var.ACHIEVEMENT_RATE;

    assertThat(rate.path("type").asText()).as(where + " type").isEqualTo("number");
    assertThat(rate.path("decimalDigits").asInt(-1)).as(where + " decimalDigits (the rules take integers)")
        .isZero();
    assertThat(rate.path("validate").path("min").asInt(-1)).as(where + " validate.min")
        .isEqualTo(TaskCompletionRules.MIN_ACHIEVEMENT_RATE);
    assertThat(rate.path("validate").path("max").asInt(-1)).as(where + " validate.max")
        .isEqualTo(TaskCompletionRules.MAX_ACHIEVEMENT_RATE);
    assertThat(rate.path("description").asText()).as(where + " description")
        .contains(TaskCompletionRules.MIN_ACHIEVEMENT_RATE + "〜" + TaskCompletionRules.MAX_ACHIEVEMENT_RATE);
  }

  @Test
  void theDecisionReadsAndYieldsTheEnumsCodes() throws IOException {
    Path file = Path.of(InitiativeLifecycle.DECISION_RESOURCE);
    DmnModelInstance model = dmn(file);
    List<String> problems = new ArrayList<>();
    Set<String> variables = new HashSet<>(stringConstants(InitiativeLifecycle.Var.class).values());
    for (Input input : model.getModelElementsByType(Input.class)) {
      String expression = input.getInputExpression().getText().getTextContent().trim();
      if (!variables.contains(expression)) {
        problems.add(file + ": input " + input.getId() + " reads '" + expression + "', no InitiativeLifecycle.Var");
      }
      if (expression.equals(InitiativeLifecycle.Var.VERIFICATION_RATING)) {
        expectQuoted(file + ": " + input.getId() + " inputValues", input.getInputValues().getText().getTextContent(),
            codes(VerificationRating.values()), problems);
      }
    }
    for (Output output : model.getModelElementsByType(Output.class)) {
      if (!InitiativeLifecycle.Var.RECOMMENDED_OUTCOME.equals(output.getName())) {
        problems.add(file + ": output " + output.getId() + " is named '" + output.getName() + "', expected "
            + InitiativeLifecycle.Var.RECOMMENDED_OUTCOME);
      }
      expectQuoted(file + ": " + output.getId() + " outputValues", output.getOutputValues().getText().getTextContent(),
          codes(Outcome.values()), problems);
    }
    for (OutputEntry entry : model.getModelElementsByType(OutputEntry.class)) {
      String value = entry.getText().getTextContent().trim().replace("\"", "");
      if (Outcome.fromCode(value).isEmpty()) {
        problems.add(file + ": " + entry.getId() + " yields '" + value + "', no Outcome code");
      }
    }
    assertThat(problems).as("decision values").isEmpty();
  }

  private static void expectQuoted(String where, String text, List<String> expected, List<String> problems) {
    List<String> actual = Arrays.stream(text.split(",")).map(v -> v.trim().replace("\"", "")).toList();
    if (!actual.equals(expected)) {
      problems.add(where + " are " + actual + ", the enum's codes are " + expected);
    }
  }

  private static void expectConstant(Class<?> backing, String field, String expected, List<String> problems)
      throws ReflectiveOperationException {
    Object actual = backing.getField(field).get(null);
    if (!expected.equals(actual)) {
      problems.add(backing.getSimpleName() + "." + field + " = '" + actual + "', expected '" + expected + "'");
    }
  }

  /** The public String constants of the backing class's nested Element class, named Class.Element.NAME. */
  private static Map<String, String> elementConstants(Class<?> backing) {
    Class<?> element = Arrays.stream(backing.getClasses()).filter(c -> c.getSimpleName().equals("Element"))
        .findFirst().orElseThrow(() -> new AssertionError(backing.getName() + " has no nested Element class"));
    Map<String, String> constants = new LinkedHashMap<>();
    stringConstants(element).forEach((name, value) ->
        constants.put(backing.getSimpleName() + ".Element." + name, value));
    return constants;
  }

  private static Map<String, String> stringConstants(Class<?> type) {
    Map<String, String> constants = new LinkedHashMap<>();
    for (Field field : type.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          constants.put(field.getName(), (String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return constants;
  }

  /** The names of the application's Spring beans: its components, and the @Bean methods of its configurations. */
  private static Set<String> springBeanNames() throws ClassNotFoundException, IOException {
    var scanner = new ClassPathScanningCandidateComponentProvider(true);
    var registry = new SimpleBeanDefinitionRegistry();
    Set<String> names = new TreeSet<>();
    for (var candidate : scanner.findCandidateComponents("jp.shisakuflow")) {
      if (candidate instanceof ScannedGenericBeanDefinition scanned
          && scanned.getResource().getURI().toString().contains("/test-classes/")) {
        continue; // a test's own component is no bean of the application
      }
      names.add(AnnotationBeanNameGenerator.INSTANCE.generateBeanName(candidate, registry));
      for (Method method : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
        Bean bean = method.getAnnotation(Bean.class);
        if (bean != null) {
          names.addAll(bean.name().length > 0 ? List.of(bean.name()) : List.of(method.getName()));
        }
      }
    }
    return names;
  }

  /** Every attribute value and text of a BPMN file that holds an expression, with where it is. */
  private static List<Located> expressions(Path file) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Element root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    List<Located> found = new ArrayList<>();
    collect(root, found);
    return found;
  }

  private static void collect(Element element, List<Located> found) {
    String where = nearestId(element) + " <" + element.getLocalName() + ">";
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      if (attribute.getValue().contains("{")) {
        found.add(new Located(where + " @" + attribute.getLocalName(), attribute.getLocalName(), attribute.getValue()));
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        collect(childElement, found);
      } else if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().contains("{")) {
        found.add(new Located(where, "", child.getTextContent()));
      }
    }
  }

  private static String nearestId(Element element) {
    for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
      if (e.hasAttribute("id")) {
        return e.getAttribute("id");
      }
    }
    return "?";
  }

  private static String prefixOf(FlowElement element) {
    return PREFIXES.entrySet().stream().filter(p -> p.getKey().isInstance(element)).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  /** In order: the first matching type wins, so StartEvent comes before Event. */
  private static Map<Class<? extends FlowElement>, String> prefixes() {
    Map<Class<? extends FlowElement>, String> prefixes = new LinkedHashMap<>();
    prefixes.put(StartEvent.class, "StartEvent_");
    prefixes.put(Event.class, "Event_");
    prefixes.put(Task.class, "Task_");
    prefixes.put(SubProcess.class, "SubProcess_");
    prefixes.put(Gateway.class, "Gateway_");
    prefixes.put(SequenceFlow.class, "Flow_");
    return prefixes;
  }

  /** A form's fields, those inside groups too. */
  private static List<JsonNode> fields(JsonNode container) {
    List<JsonNode> fields = new ArrayList<>();
    for (JsonNode component : container.path("components")) {
      fields.add(component);
      fields.addAll(fields(component));
    }
    return fields;
  }

  private static List<Choice> outcomeChoices() {
    return Arrays.stream(Outcome.values()).map(o -> new Choice(o.code(), o.labelJa())).toList();
  }

  private static List<String> codes(Coded[] values) {
    return Arrays.stream(values).map(Coded::code).toList();
  }

  private static Map<Path, String> javaSources() throws IOException {
    Map<Path, String> sources = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        sources.put(file, Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    assertThat(sources).as("Java sources under src/").hasSizeGreaterThan(50);
    return sources;
  }

  private static List<Path> files(Path dir, String extension) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(f -> f.toString().endsWith(extension)).sorted().toList();
      assertThat(found).as("%s files in %s", extension, dir).isNotEmpty();
      return found;
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  private static BpmnModelInstance bpmn(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Bpmn.readModelFromStream(in);
    }
  }

  private static DmnModelInstance dmn(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Dmn.readModelFromStream(in);
    }
  }

  private record Choice(String code, String label) {
    @Override
    public String toString() {
      return code + "=" + label;
    }
  }

  private record Located(String where, String attribute, String text) {}
}
