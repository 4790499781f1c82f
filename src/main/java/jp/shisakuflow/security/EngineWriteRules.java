package jp.shisakuflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shisakuflow.security.EngineRecords.Verdict;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * The writes Camunda's permission model leaves unchecked, judged for the caller before the engine sees
 * them (paths relative to the engine's REST root, the same under {@code /engine-rest} and the webapps'
 * {@code /camunda/api/engine/engine/{name}}):
 * <ul>
 * <li>Jobs that belong to no process instance: administrators only, a list of jobs only narrowed to an
 * instance or definition (the engine would list the history cleanup job to anyone).
 * <li>Nobody throws a BPMN error or escalation from a user task: it would end the task unworked, or fake a
 * delay report.
 * <li>Claiming for someone else needs the permission to assign, as setting an assignee does.
 * <li>Releasing a claim ({@code unclaim}, or a claim for nobody) without that permission: only one's own. The
 * engine would refuse {@code unclaim} to whoever may not assign (it sets the assignee), and would let anyone who
 * may work a task release anybody's claim with a claim for nobody; here both mean "release my own claim".
 * <li>A completion ({@code complete}, {@code submit-form}, {@code resolve}) sets only its form's fields, and so
 * does a change of the task's variables outside completion (administrators excepted).
 * <li>Comments and attachments are written only by someone who may work the task, on the task's own
 * instance; only their author (or an administrator) changes or deletes them.
 * </ul>
 */
@Component
public class EngineWriteRules {

  /** The engine keeps a comment's text in a column of this many characters. */
  public static final int MAX_COMMENT_CHARS = 4000;

  /** Query parameters (and JSON fields) that keep a job list inside instances or definitions. */
  static final Set<String> JOB_SCOPES = Set.of("processInstanceId", "processInstanceIds", "executionId",
      "processDefinitionId", "processDefinitionKey", "jobDefinitionId", "activityId");

  private static final Pattern JOB_LIST = Pattern.compile("/job(?:/count)?");
  private static final Pattern JOB = Pattern.compile("/job/([^/]+)(?:/.*)?");
  private static final Pattern THROW_FROM_TASK = Pattern.compile("/task/([^/]+)/(?:bpmnError|bpmnEscalation)");
  private static final Pattern CLAIM = Pattern.compile("/task/([^/]+)/claim");
  private static final Pattern UNCLAIM = Pattern.compile("/task/([^/]+)/unclaim");
  private static final Pattern COMPLETION = Pattern.compile("/task/([^/]+)/(?:complete|submit-form|resolve)");
  private static final Pattern TASK_VARIABLES = Pattern.compile("/task/([^/]+)/(?:variables|localVariables)");
  private static final Pattern TASK_VARIABLE = Pattern.compile("/task/([^/]+)/(?:variables|localVariables)/([^/]+)(?:/data)?");
  private static final Pattern TASK_COMMENT_CREATE = Pattern.compile("/task/([^/]+)/comment/create");
  private static final Pattern TASK_COMMENTS = Pattern.compile("/task/([^/]+)/comment");
  private static final Pattern TASK_COMMENT = Pattern.compile("/task/([^/]+)/comment/([^/]+)");
  private static final Pattern INSTANCE_COMMENTS = Pattern.compile("/process-instance/([^/]+)/comment");
  private static final Pattern INSTANCE_COMMENT = Pattern.compile("/process-instance/([^/]+)/comment/([^/]+)");
  private static final Pattern ATTACHMENT_CREATE = Pattern.compile("/task/([^/]+)/attachment/create");
  private static final Pattern ATTACHMENT = Pattern.compile("/task/([^/]+)/attachment/([^/]+)");

  /** Why a request is refused: the HTTP status, a type, a message and, for input, each problem. */
  public record Refusal(int status, String type, String message, List<String> problems) {
    static Refusal forbidden(String message) {
      return new Refusal(403, "AuthorizationException", message, List.of());
    }

    static Refusal invalid(String message, List<String> problems) {
      return new Refusal(400, "InvalidRequestException", message, problems);
    }
  }

  /** A request to the engine's REST API: its method, path below the engine's root, parameters and JSON body. */
  public record EngineRequest(String method, String path, Map<String, String[]> parameters, JsonNode body) {}

  private final EngineRecords records;
  private final CompletionFields completionFields;
  private final ProcessEngineConfigurationImpl engine;

  public EngineWriteRules(EngineRecords records, CompletionFields completionFields, ProcessEngine engine) {
    this.records = records;
    this.completionFields = completionFields;
    this.engine = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  /**
   * The task whose claim the caller releases through {@code POST /task/{id}/unclaim} although they may not
   * assign it: their own claim, which the guard releases with {@link #releaseOwnClaim} (the engine then checks
   * that the caller may work the task, as for claiming). Empty for anything else.
   */
  public Optional<String> ownClaimToRelease(EngineRequest request, Caller caller) {
    Matcher m = UNCLAIM.matcher(request.path());
    if (!request.method().equals("POST") || !m.matches() || records.mayAssign(caller, m.group(1)) != Verdict.DENIED) {
      return Optional.empty();
    }
    return caller.userId().equals(assignee(m.group(1)).orElse(null)) ? Optional.of(m.group(1)) : Optional.empty();
  }

  public Optional<Refusal> check(EngineRequest request, Caller caller) {
    String method = request.method();
    String path = request.path();
    Matcher m;
    if (JOB_LIST.matcher(path).matches()) {
      return jobList(request, caller);
    }
    if ((m = JOB.matcher(path)).matches()) {
      Optional<Refusal> standalone = standaloneJob(m.group(1), caller);
      return standalone.isPresent() || !Set.of("POST", "PUT", "DELETE").contains(method) ? standalone
          : jobChange(m.group(1), caller);
    }
    if (!Set.of("POST", "PUT", "DELETE").contains(method)) {
      return Optional.empty();
    }
    if ((m = THROW_FROM_TASK.matcher(path)).matches()) {
      return Optional.of(Refusal.forbidden("タスクから BPMN エラーやエスカレーションを送ることはできません。どのプロセスもそれを"
          + "業務の流れとしていません (no process here takes a BPMN error or escalation from a user task: it would end the"
          + " task without its work, or report a delay that did not happen)"));
    }
    if ((m = CLAIM.matcher(path)).matches() && method.equals("POST")) {
      return claim(m.group(1), request.body(), caller);
    }
    if ((m = UNCLAIM.matcher(path)).matches() && method.equals("POST")) {
      return release(m.group(1), caller);
    }
    if ((m = COMPLETION.matcher(path)).matches() && method.equals("POST")) {
      return completion(m.group(1), request.body(), caller);
    }
    if ((m = TASK_VARIABLES.matcher(path)).matches() && method.equals("POST")) {
      return taskVariables(m.group(1), modifiedNames(request.body()), caller);
    }
    if ((m = TASK_VARIABLE.matcher(path)).matches()) {
      return taskVariables(m.group(1), Set.of(m.group(2)), caller);
    }
    if ((m = TASK_COMMENT_CREATE.matcher(path)).matches() && method.equals("POST")) {
      return createComment(m.group(1), request.body(), caller);
    }
    if ((m = TASK_COMMENTS.matcher(path)).matches()) {
      return method.equals("PUT") ? updateComment(m.group(1), null, request.body(), caller)
          : deleteAllComments(m.group(1), null, caller);
    }
    if ((m = TASK_COMMENT.matcher(path)).matches() && method.equals("DELETE")) {
      return ownComment(records.taskCommentAuthor(m.group(1), m.group(2)), caller);
    }
    if ((m = INSTANCE_COMMENTS.matcher(path)).matches()) {
      return method.equals("PUT") ? updateComment(null, m.group(1), request.body(), caller)
          : deleteAllComments(null, m.group(1), caller);
    }
    if ((m = INSTANCE_COMMENT.matcher(path)).matches() && method.equals("DELETE")) {
      return ownComment(records.processInstanceCommentAuthor(m.group(1), m.group(2)), caller);
    }
    if ((m = ATTACHMENT_CREATE.matcher(path)).matches() && method.equals("POST")) {
      return mayWorkTask(m.group(1), caller, "添付ファイルを追加", "add an attachment to");
    }
    if ((m = ATTACHMENT.matcher(path)).matches() && method.equals("DELETE")) {
      return ownAttachment(m.group(1), m.group(2), caller);
    }
    return Optional.empty();
  }

  private Optional<Refusal> jobList(EngineRequest request, Caller caller) {
    boolean scoped = JOB_SCOPES.stream().anyMatch(scope -> request.parameters().containsKey(scope)
        || (request.body() != null && request.body().hasNonNull(scope)));
    if (scoped || records.isAdministrator(caller)) {
      return Optional.empty();
    }
    return Optional.of(Refusal.forbidden("ジョブの一覧はプロセスインスタンスまたは定義で絞り込んでください。インスタンスに属さない"
        + "ジョブは管理者だけが参照できます (list jobs of a process instance or definition, e.g. ?processInstanceId=;"
        + " jobs that belong to no process instance are for camunda-admin only)"));
  }

  /** A change of a process's job, judged before the engine (which counts its own refusal as a failed attempt). */
  private Optional<Refusal> jobChange(String jobId, Caller caller) {
    Verdict verdict = records.mayUpdateJob(caller, jobId);
    if (verdict == Verdict.ALLOWED || records.isAdministrator(caller)) {
      return Optional.empty();
    }
    return Optional.of(verdict == Verdict.NO_SUCH_TASK
        ? new Refusal(404, "InvalidRequestException", "ジョブ " + jobId + " はありません (no such job)", List.of())
        : Refusal.forbidden("ジョブ " + jobId + " を実行・変更できるのは、そのプロセスインスタンスを更新できる人だけです (only someone"
            + " who may update the job's process instance may execute or change job " + jobId + ")"));
  }

  private Optional<Refusal> standaloneJob(String jobId, Caller caller) {
    if (!records.isStandaloneJob(jobId) || records.isAdministrator(caller)) {
      return Optional.empty();
    }
    return Optional.of(Refusal.forbidden("ジョブ " + jobId + " はプロセスインスタンスに属さないため、管理者だけが参照・操作できます"
        + " (job " + jobId + " belongs to no process instance: only camunda-admin may read or change it)"));
  }

  private Optional<Refusal> claim(String taskId, JsonNode body, Caller caller) {
    String claimant = body == null ? null : body.path("userId").asText(null);
    if (claimant == null) {
      return release(taskId, caller); // a claim for nobody releases the task
    }
    if (claimant.equals(caller.userId())) {
      return Optional.empty(); // claiming for oneself: the engine checks that the caller may work the task
    }
    if (records.mayAssign(caller, taskId) == Verdict.DENIED) {
      return Optional.of(Refusal.forbidden("タスクを他の人 (" + claimant + ") のために取得するには、タスクの割り当て権限が必要です。"
          + "自分で取得してください (claiming a task for someone else (" + claimant + ") needs the permission to assign"
          + " it; claim it for yourself)"));
    }
    return Optional.empty();
  }

  /**
   * Releases the caller's own claim as the caller: the engine's claim for nobody, which checks that the caller may
   * work the task and records the change as theirs. Throws the engine's AuthorizationException otherwise.
   */
  public void releaseOwnClaim(String taskId, Caller caller) {
    IdentityService identity = engine.getIdentityService();
    Authentication previous = identity.getCurrentAuthentication();
    identity.setAuthentication(caller.engineAuthentication());
    try {
      jp.shisakuflow.organization.DoorCheckedCommands.withPermissionChecks(() -> {
        engine.getTaskService().claim(taskId, null);
        return null;
      });
    } finally {
      if (previous == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(previous);
      }
    }
  }

  /** Releasing a claim: one's own, or anybody's for whoever may assign the task. */
  private Optional<Refusal> release(String taskId, Caller caller) {
    Optional<String> assignee = assignee(taskId);
    if (assignee.isEmpty() || assignee.get().equals(caller.userId())
        || records.mayAssign(caller, taskId) != Verdict.DENIED) {
      return Optional.empty(); // nothing to release, one's own, or no such task: the engine answers
    }
    return Optional.of(Refusal.forbidden("他の人 (" + assignee.get() + ") が担当しているタスクの担当は解除できません。解除できるのは"
        + "自分の担当だけです (only one's own claim may be released; releasing someone else's needs the permission to"
        + " assign the task)"));
  }

  /** The running task's assignee, read without the caller's restrictions; empty when unassigned or not running. */
  private Optional<String> assignee(String taskId) {
    return Optional.ofNullable(engine.getCommandExecutorTxRequired().execute(context -> {
      context.disableAuthorizationCheck();
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      return task == null ? null : task.getAssignee();
    }));
  }

  private Optional<Refusal> completion(String taskId, JsonNode body, Caller caller) {
    JsonNode variables = body == null ? null : body.get("variables");
    if (variables == null || !variables.isObject() || variables.isEmpty()) {
      return Optional.empty();
    }
    if (records.mayWork(caller, taskId) != Verdict.ALLOWED) {
      return Optional.empty(); // the engine refuses the caller, or says that there is no such task
    }
    Optional<CompletionFields.Fields> fields = completionFields.of(taskId);
    if (fields.isEmpty()) {
      return Optional.empty(); // no such running task: the engine answers that
    }
    Set<String> foreign = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    variables.fieldNames().forEachRemaining(name -> {
      if (fields.get().readOnly().contains(name)) {
        if (!sameValue(records.taskVariable(taskId, name), variables.get(name).get("value"))) {
          problems.add(name + ": 表示のみの項目は変更できません (a read-only field of the form cannot be changed)");
        }
      } else if (!fields.get().editable().contains(name)) {
        foreign.add(name);
      }
    });
    foreign.forEach(name -> problems.add(name + ": このタスクのフォームにない項目は設定できません (not a field of this task's"
        + " form; allowed: " + new TreeSet<>(fields.get().editable()) + ")"));
    if (problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Refusal.invalid("タスクの完了で設定できるのはフォームの項目だけです。何も変更していません (a completion may set"
        + " only the fields of the task's form; nothing was changed): " + String.join("; ", problems), problems));
  }

  /**
   * Outside completion, a task's variables are its form's fields too: whoever may change them (managers,
   * through their UPDATE on tasks) changes only those; administrators correct anything.
   */
  private Optional<Refusal> taskVariables(String taskId, Set<String> names, Caller caller) {
    if (names.isEmpty() || records.mayUpdateVariables(caller, taskId) != Verdict.ALLOWED
        || records.isAdministrator(caller)) {
      return Optional.empty(); // the engine refuses, or says that there is no such task
    }
    Set<String> editable = completionFields.of(taskId).map(CompletionFields.Fields::editable).orElse(Set.of());
    List<String> problems = names.stream().filter(name -> !editable.contains(name)).sorted()
        .map(name -> name + ": このタスクのフォームにない項目は変更できません (not a field of this task's form; allowed: "
            + new TreeSet<>(editable) + ")")
        .toList();
    return problems.isEmpty() ? Optional.empty() : Optional.of(Refusal.invalid("タスクの変数として変更できるのはフォームの"
        + "項目だけです。何も変更していません (only the fields of the task's form may be changed; nothing was changed): "
        + String.join("; ", problems), problems));
  }

  /** The variables a modification ({@code {"modifications": {…}, "deletions": […]}}) names. */
  private static Set<String> modifiedNames(JsonNode body) {
    Set<String> names = new TreeSet<>();
    if (body != null) {
      body.path("modifications").fieldNames().forEachRemaining(names::add);
      body.path("deletions").forEach(name -> names.add(name.asText()));
    }
    return names;
  }

  private Optional<Refusal> createComment(String taskId, JsonNode body, Caller caller) {
    Optional<Refusal> work = mayWorkTask(taskId, caller, "コメントを追加", "comment on");
    if (work.isPresent()) {
      return work;
    }
    String instance = body == null ? null : body.path("processInstanceId").asText(null);
    if (instance != null && !instance.isBlank()
        && !instance.equals(records.processInstanceOfTask(taskId).orElse(null))) {
      return Optional.of(Refusal.forbidden("processInstanceId: コメントはタスク自身のプロセスインスタンスにだけ付けられます"
          + " (a task's comment may only go to the task's own process instance, not " + instance + ")"));
    }
    return commentText(body);
  }

  private Optional<Refusal> updateComment(String taskId, String processInstanceId, JsonNode body, Caller caller) {
    String commentId = body == null ? null : body.path("id").asText(null);
    if (commentId == null) {
      return Optional.empty(); // the engine refuses an update without an id
    }
    Optional<Refusal> own = ownComment(taskId != null ? records.taskCommentAuthor(taskId, commentId)
        : records.processInstanceCommentAuthor(processInstanceId, commentId), caller);
    return own.isPresent() ? own : commentText(body);
  }

  private Optional<Refusal> deleteAllComments(String taskId, String processInstanceId, Caller caller) {
    List<String> authors = records.commentAuthors(taskId, processInstanceId);
    if (authors.stream().allMatch(caller.userId()::equals) || records.isAdministrator(caller)) {
      return Optional.empty();
    }
    return Optional.of(Refusal.forbidden("他の人のコメントは削除できません (comments written by others cannot be deleted;"
        + " only camunda-admin may)"));
  }

  private Optional<Refusal> ownComment(Optional<String> author, Caller caller) {
    if (author.isEmpty() || Objects.equals(author.get(), caller.userId()) || records.isAdministrator(caller)) {
      return Optional.empty(); // no such comment: the engine answers that
    }
    return Optional.of(Refusal.forbidden("他の人 (" + author.get() + ") のコメントは変更・削除できません (a comment written by"
        + " someone else cannot be changed or deleted; only camunda-admin may)"));
  }

  private Optional<Refusal> ownAttachment(String taskId, String attachmentId, Caller caller) {
    Optional<String> author = records.attachmentAuthor(taskId, attachmentId);
    if ((author.isPresent() && author.get().equals(caller.userId())) || records.isAdministrator(caller)) {
      return Optional.empty();
    }
    return Optional.of(Refusal.forbidden("添付ファイルを削除できるのは追加した本人と管理者だけです (only the person who added an"
        + " attachment, or camunda-admin, may delete it)"));
  }

  private Optional<Refusal> mayWorkTask(String taskId, Caller caller, String actionJa, String action) {
    Verdict verdict = records.mayWork(caller, taskId);
    if (verdict == Verdict.ALLOWED) {
      return Optional.empty();
    }
    if (verdict == Verdict.NO_SUCH_TASK && records.isAdministrator(caller)) {
      return Optional.empty();
    }
    return Optional.of(Refusal.forbidden(verdict == Verdict.NO_SUCH_TASK
        ? "終了したタスク " + taskId + " には" + actionJa + "できません (cannot " + action + " task " + taskId
            + ": it is not running)"
        : "タスク " + taskId + " に" + actionJa + "できるのは、そのタスクを担当できる人だけです (only someone who may work task "
            + taskId + " may " + action + " it)"));
  }

  private static Optional<Refusal> commentText(JsonNode body) {
    String message = body == null ? null : body.path("message").asText(null);
    if (message != null && message.length() > MAX_COMMENT_CHARS) {
      return Optional.of(Refusal.invalid("message: コメントは " + MAX_COMMENT_CHARS + " 文字までです (a comment has at most "
          + MAX_COMMENT_CHARS + " characters, got " + message.length() + ")", List.of("message")));
    }
    return Optional.empty();
  }

  /** A read-only form value sent back: equal to the current one when both print the same. */
  private static boolean sameValue(Object current, JsonNode sent) {
    if (sent == null || sent.isNull()) {
      return current == null;
    }
    return current != null && String.valueOf(current).equals(sent.asText());
  }
}
