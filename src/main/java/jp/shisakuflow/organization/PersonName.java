package jp.shisakuflow.organization;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.identity.User;

/** A person's name as staff read it: 「姓 名」, family name first, or the user id where the directory has none. */
public final class PersonName {

  private PersonName() {}

  /** The name of a user the directory knows, or {@code userId} (also when {@code user} is null). */
  public static String of(User user, String userId) {
    String name = user == null ? "" : Stream.of(user.getLastName(), user.getFirstName())
        .filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(" "));
    return name.isBlank() ? userId : name;
  }
}
