package jp.shisakuflow.progress.model;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceManager;
import org.camunda.bpm.engine.impl.util.CollectionUtil;

/**
 * The engine's manager of historic process instances, deleting the read model's rows with the history they hold:
 * every way the engine deletes an instance's history (by ids: {@code HistoryService}, a deployment's cascade, the
 * end-time cleanup; by removal time: the history cleanup) comes through it. The model's delete is queued after the
 * engine's own, in the same flush and transaction: by the ids, or — the cleanup deleting a batch it picks by
 * removal time — every row whose history row is gone, read after the engine's delete. So a row exists exactly while
 * its instance's history does, and reads need not look the history up.
 */
public class ProgressModelDeletion extends HistoricProcessInstanceManager {

  static final String DELETE_BY_IDS = "shisakuDeleteProgressRowsByIds";
  static final String DELETE_WITHOUT_HISTORY = "shisakuDeleteProgressRowsWithoutHistory";

  @Override
  public void deleteHistoricProcessInstanceByIds(List<String> processInstanceIds) {
    super.deleteHistoricProcessInstanceByIds(processInstanceIds);
    if (isHistoryEnabled()) {
      for (List<String> partition : CollectionUtil.partition(processInstanceIds,
          DbSqlSessionFactory.MAXIMUM_NUMBER_PARAMS)) {
        getDbEntityManager().deletePreserveOrder(HistoricProcessInstanceEntity.class, DELETE_BY_IDS, partition);
      }
    }
  }

  @Override
  public Map<Class<? extends DbEntity>, DbOperation> deleteHistoricProcessInstancesByRemovalTime(Date removalTime,
      int minuteFrom, int minuteTo, int batchSize) {
    Map<Class<? extends DbEntity>, DbOperation> operations = super.deleteHistoricProcessInstancesByRemovalTime(
        removalTime, minuteFrom, minuteTo, batchSize);
    // Not put in the map: the engine reports its count of removed instances from that one operation.
    withoutHistory(getDbEntityManager());
    return operations;
  }

  /** Queues the delete of every row whose instance has no history row. */
  static DbOperation withoutHistory(DbEntityManager entities) {
    return entities.deletePreserveOrder(HistoricProcessInstanceEntity.class, DELETE_WITHOUT_HISTORY, null);
  }

  /** In a command of its own (at start: rows an older version kept); the number of rows deleted. */
  static int deleteRowsWithoutHistory(ProcessEngineConfigurationImpl configuration) {
    DbOperation delete = configuration.getCommandExecutorTxRequired()
        .execute(context -> withoutHistory(context.getDbEntityManager()));
    return delete.getRowsAffected();
  }

  /** The two deletes, mapped on the engine's MyBatis configuration (its table prefix applies to the history). */
  static void map(ProcessEngineConfigurationImpl configuration) {
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (mybatis.hasStatement(DELETE_BY_IDS)) {
      return;
    }
    String table = ProgressModel.TABLE;
    String id = ProgressModel.ID;
    String mapper = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
        + "<!DOCTYPE mapper PUBLIC \"-//mybatis.org//DTD Mapper 3.0//EN\" \"http://mybatis.org/dtd/mybatis-3-mapper.dtd\">\n"
        + "<mapper namespace=\"" + ProgressModelDeletion.class.getName() + "\">\n"
        + "  <delete id=\"" + DELETE_BY_IDS + "\">DELETE FROM " + table + " WHERE " + id + " IN"
        + " <foreach item=\"id\" collection=\"list\" open=\"(\" separator=\",\" close=\")\">#{id}</foreach></delete>\n"
        + "  <delete id=\"" + DELETE_WITHOUT_HISTORY + "\">DELETE FROM " + table + " WHERE NOT EXISTS (SELECT 1 FROM"
        + " ${prefix}ACT_HI_PROCINST P WHERE P.ID_ = " + table + "." + id + ")</delete>\n"
        + "</mapper>\n";
    new XMLMapperBuilder(new ByteArrayInputStream(mapper.getBytes(StandardCharsets.UTF_8)), mybatis,
        "shisaku:" + ProgressModelDeletion.class.getName(), mybatis.getSqlFragments()).parse();
  }

  /** Opens this manager wherever the engine asks for its manager of historic process instances. */
  static final class Factory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return HistoricProcessInstanceManager.class;
    }

    @Override
    public Session openSession() {
      return new ProgressModelDeletion();
    }
  }
}
