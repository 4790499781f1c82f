package jp.shisakuflow.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.shisakuflow.initiative.InitiativeLifecycle;

/**
 * What the shared database says happened, read straight from Camunda's history tables after the run:
 * the source of truth the checks compare with what each scenario expects and what the clients saw.
 */
final class ClusterLedger {

  record Instance(String id, String businessKey, String state, List<String> endEvents,
      Map<String, Integer> completedTasks, int openOrCancelledTasks, int overdueEvents, String tenantId) {}

  record TimerJob(String jobId, String processInstanceId, String activityId, int successes, int deletions,
      String firedOn) {}

  record FailedJob(Instant at, String jobId, String message) {}

  private static final int JOB_FAILED = 1;
  private static final int JOB_SUCCESSFUL = 2;
  private static final int JOB_DELETED = 3;

  final Map<String, Instance> byBusinessKey = new TreeMap<>();
  final List<TimerJob> timerJobs = new ArrayList<>();
  final List<FailedJob> failedJobs = new ArrayList<>();
  final Map<String, String> completedTaskIds = new HashMap<>();
  int historicIncidents;
  int openIncidents;
  int remainingJobs;
  int instancesPerBusinessKeyMax;

  static ClusterLedger read(String jdbcUrl, String businessKeyPrefix) throws SQLException {
    ClusterLedger ledger = new ClusterLedger();
    try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      ledger.readInstances(db, businessKeyPrefix + "%");
      ledger.readJobs(db, businessKeyPrefix + "%");
      ledger.historicIncidents = count(db, "select count(*) from ACT_HI_INCIDENT");
      ledger.openIncidents = count(db, "select count(*) from ACT_RU_INCIDENT");
    }
    return ledger;
  }

  private void readInstances(Connection db, String keys) throws SQLException {
    Map<String, List<String>> ends = new HashMap<>();
    Map<String, Integer> overdue = new HashMap<>();
    try (ResultSet rows = query(db, """
        select a.PROC_INST_ID_, a.ACT_ID_, a.ACT_TYPE_ from ACT_HI_ACTINST a
        join ACT_HI_PROCINST p on p.ID_ = a.PROC_INST_ID_ where p.BUSINESS_KEY_ like ?
        and (a.ACT_TYPE_ = 'noneEndEvent' or a.ACT_TYPE_ = 'boundaryTimer')""", keys)) {
      while (rows.next()) {
        if ("noneEndEvent".equals(rows.getString(3))) {
          ends.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
        } else if (InitiativeLifecycle.Element.EVENT_COORDINATION_OVERDUE.equals(rows.getString(2))) {
          overdue.merge(rows.getString(1), 1, Integer::sum);
        }
      }
    }
    Map<String, Map<String, Integer>> completed = new HashMap<>();
    Map<String, Integer> other = new HashMap<>();
    try (ResultSet rows = query(db, """
        select t.PROC_INST_ID_, t.TASK_DEF_KEY_, t.ID_, t.DELETE_REASON_, t.END_TIME_ from ACT_HI_TASKINST t
        join ACT_HI_PROCINST p on p.ID_ = t.PROC_INST_ID_ where p.BUSINESS_KEY_ like ?""", keys)) {
      while (rows.next()) {
        if (rows.getTimestamp(5) != null && "completed".equals(rows.getString(4))) {
          completed.computeIfAbsent(rows.getString(1), k -> new TreeMap<>()).merge(rows.getString(2), 1, Integer::sum);
          completedTaskIds.put(rows.getString(3), rows.getString(1));
        } else {
          other.merge(rows.getString(1), 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> perKey = new HashMap<>();
    try (ResultSet rows = query(db, "select ID_, BUSINESS_KEY_, STATE_, TENANT_ID_ from ACT_HI_PROCINST where BUSINESS_KEY_ like ?",
        keys)) {
      while (rows.next()) {
        String id = rows.getString(1);
        perKey.merge(rows.getString(2), 1, Integer::sum);
        byBusinessKey.put(rows.getString(2), new Instance(id, rows.getString(2), rows.getString(3),
            ends.getOrDefault(id, List.of()).stream().sorted().toList(), completed.getOrDefault(id, Map.of()),
            other.getOrDefault(id, 0), overdue.getOrDefault(id, 0), rows.getString(4)));
      }
    }
    instancesPerBusinessKeyMax = perKey.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private void readJobs(Connection db, String keys) throws SQLException {
    Map<String, int[]> outcomes = new HashMap<>();
    Map<String, String[]> about = new HashMap<>();
    try (ResultSet rows = query(db, """
        select j.JOB_ID_, j.PROCESS_INSTANCE_ID_, j.ACT_ID_, j.JOB_STATE_, j.HOSTNAME_, j.TIMESTAMP_,
               j.JOB_EXCEPTION_MSG_, j.JOB_DEF_TYPE_
        from ACT_HI_JOB_LOG j join ACT_HI_PROCINST p on p.ID_ = j.PROCESS_INSTANCE_ID_
        where p.BUSINESS_KEY_ like ?""", keys)) {
      while (rows.next()) {
        String job = rows.getString(1);
        int state = rows.getInt(4);
        if (state == JOB_FAILED) {
          Timestamp at = rows.getTimestamp(6);
          failedJobs.add(new FailedJob(at.toInstant(), job, rows.getString(7)));
        }
        if (!"timer-transition".equals(rows.getString(8))) {
          continue;
        }
        int[] counts = outcomes.computeIfAbsent(job, k -> new int[2]);
        about.putIfAbsent(job, new String[] {rows.getString(2), rows.getString(3), null});
        if (state == JOB_SUCCESSFUL) {
          counts[0]++;
          about.get(job)[2] = rows.getString(5);
        } else if (state == JOB_DELETED) {
          counts[1]++;
        }
      }
    }
    outcomes.forEach((job, counts) -> timerJobs.add(new TimerJob(job, about.get(job)[0], about.get(job)[1], counts[0],
        counts[1], about.get(job)[2])));
    remainingJobs = count(db, """
        select count(*) from ACT_RU_JOB j join ACT_HI_PROCINST p on p.ID_ = j.PROCESS_INSTANCE_ID_
        where p.BUSINESS_KEY_ like '""" + keys + "'");
  }

  private static ResultSet query(Connection db, String sql, String parameter) throws SQLException {
    PreparedStatement statement = db.prepareStatement(sql);
    statement.setString(1, parameter);
    statement.closeOnCompletion();
    return statement.executeQuery();
  }

  private static int count(Connection db, String sql) throws SQLException {
    try (ResultSet rows = db.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
