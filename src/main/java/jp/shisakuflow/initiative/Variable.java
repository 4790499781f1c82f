package jp.shisakuflow.initiative;

import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable's name with its type, read without a cast at the call site: {@code
 * Variable.integer(Var.FISCAL_YEAR).from(execution)}. An absent variable reads as {@code null}.
 */
public record Variable<T>(String name, Function<Object, T> type) {

  /** A text variable. */
  public static Variable<String> text(String name) {
    return new Variable<>(name, value -> (String) value);
  }

  /** A whole number, whichever integral type the engine stored it as (Integer, Long, Short). */
  public static Variable<Integer> integer(String name) {
    return new Variable<>(name, value -> ((Number) value).intValue());
  }

  public T from(VariableScope scope) {
    return read(scope.getVariable(name));
  }

  /** From variables read at once, e.g. {@code runtimeService.getVariables(id, names)}. */
  public T from(Map<String, ?> values) {
    return read(values.get(name));
  }

  /** A value read some other way (a historic variable's value, say). */
  public T read(Object value) {
    return value == null ? null : type.apply(value);
  }
}
