package jp.shisakuflow.initiative;

import java.util.List;
import java.util.stream.Stream;

/**
 * Who an initiative belongs to: the group that leads it, groups that share its tasks, groups consulted
 * on it (named, with read access, no tasks), and outside parties by name (社協, 市民自治財団 …).
 */
public record Owners(String lead, List<String> coOwners, List<String> counterparts, List<String> partners) {

  public Owners {
    coOwners = List.copyOf(coOwners);
    counterparts = List.copyOf(counterparts);
    partners = List.copyOf(partners);
  }

  /** An initiative led by one group alone. */
  public static Owners led(String lead) {
    return new Owners(lead, List.of(), List.of(), List.of());
  }

  /** The groups that work its tasks: the lead and the co-owners. */
  public List<String> taskGroups() {
    return Stream.concat(Stream.of(lead), coOwners.stream()).distinct().toList();
  }

  /** The groups that may read it: those that work it and those consulted. */
  public List<String> readerGroups() {
    return Stream.concat(taskGroups().stream(), counterparts.stream()).distinct().toList();
  }
}
