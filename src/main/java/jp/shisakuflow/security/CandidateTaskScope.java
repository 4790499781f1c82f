package jp.shisakuflow.security;

import java.util.List;

/**
 * When a task query can only return tasks the caller may read anyway: it asks for tasks whose candidate
 * is the caller or one of the caller's own groups, and nothing else widens it. The engine grants every
 * candidate group and candidate user {@code READ} on the task when it adds the candidate (its default
 * authorization provider), and removes that grant with the candidate; so for such a query the engine's
 * per-row authorization join repeats what the candidate condition already says.
 */
final class CandidateTaskScope {

  private CandidateTaskScope() {}

  /**
   * @param orQueries      the query's {@code or()} branches besides itself; any of them could widen it
   * @param candidateUser  the candidate-user criterion, or null
   * @param candidateGroups the effective candidate groups (candidate group, candidate groups, or the
   *                       candidate user's groups), or null
   * @param candidateGroupLike a group pattern, or null; it can match groups the caller is not in
   */
  static boolean impliedByCandidacy(int orQueries, String candidateUser, List<String> candidateGroups,
      String candidateGroupLike, String userId, List<String> groupIds) {
    if (orQueries > 0 || candidateGroupLike != null || userId == null) {
      return false;
    }
    if (candidateUser != null && !candidateUser.equals(userId)) {
      return false;
    }
    boolean groupsOwn = candidateGroups == null
        || (groupIds != null && groupIds.containsAll(candidateGroups));
    boolean anyCandidate = candidateUser != null || (candidateGroups != null && !candidateGroups.isEmpty());
    return anyCandidate && groupsOwn;
  }
}
