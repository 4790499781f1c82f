package jp.shisakuflow.initiative;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** An enumeration value that variables and decisions store as a stable English code, shown by its Japanese label. */
public interface Coded {

  String code();

  String labelJa();

  /** The value of an enumeration with that code: the one lookup every coded enumeration uses. */
  static <E extends Enum<E> & Coded> Optional<E> fromCode(Class<E> type, String code) {
    return Arrays.stream(type.getEnumConstants()).filter(value -> value.code().equals(code)).findFirst();
  }

  /** Every code of an enumeration, in its order. */
  static <E extends Enum<E> & Coded> List<String> codes(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Coded::code).toList();
  }
}
