package jp.shisakuflow.initiative;

/** An enumeration value that variables and decisions store as a stable English code. */
public interface Coded {
  String code();
}
