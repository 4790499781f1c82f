package jp.shisakuflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import jp.shisakuflow.support.ApiTest;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The filters order nothing, so that Tasklist's sort header is the list's order; a stored order is removed. */
@ApiTest
class TasklistFiltersTest {

  @Autowired TasklistFilters filters;
  @Autowired FilterService filterService;
  @Autowired TaskService taskService;

  @Test
  void aFilterSavedWithItsOwnOrderLosesItAtStartUp() {
    Filter department = filterService.createFilterQuery().filterName(TasklistFilters.DEPARTMENT_TASKS).singleResult();
    assertThat(ordering(department)).as("created without an order").isZero();
    filterService.saveFilter(department.setQuery(taskService.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks().orderByDueDate().asc()));
    assertThat(ordering(filterService.getFilter(department.getId()))).as("as stored before").isOne();

    filters.run(null);

    Filter after = filterService.getFilter(department.getId());
    assertThat(ordering(after)).isZero();
    assertThat(((TaskQueryImpl) after.getQuery()).isIncludeAssignedTasks()).as("the query kept").isTrue();
    assertThat(filterService.createFilterQuery().filterName(TasklistFilters.DEPARTMENT_TASKS).count()).isOne();
  }

  private static int ordering(Filter filter) {
    return ((TaskQueryImpl) filter.getQuery()).getOrderingProperties().size();
  }
}
