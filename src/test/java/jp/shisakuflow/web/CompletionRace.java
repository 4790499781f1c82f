package jp.shisakuflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** Two users complete one open task at the same instant, round after round; exactly one may win. */
final class CompletionRace {

  /** An HTTP answer: status and body. */
  record Answer(int status, String body) {}

  private CompletionRace() {}

  /**
   * @param openTask starts something and returns the id of its open task
   * @param complete (user, task id) → the answer to POST /engine-rest/task/{id}/complete
   */
  static void expectOneWinnerPerRound(int rounds, Supplier<String> openTask,
      BiFunction<String, String, Answer> complete, String firstUser, String secondUser) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < rounds; round++) {
        String task = openTask.get();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (String user : List.of(firstUser, secondUser)) {
          answers.add(clients.submit(() -> {
            go.await();
            return complete.apply(user, task);
          }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Answer> future : answers) {
          Answer answer = future.get();
          statuses.add(answer.status());
          if (answer.status() == 409) {
            assertThat(answer.body()).contains(TaskConflicts.TYPE, "conflict");
          }
        }
        assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(204, 409);
      }
    } finally {
      clients.shutdownNow();
    }
  }
}
