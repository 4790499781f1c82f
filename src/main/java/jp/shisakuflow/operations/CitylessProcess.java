package jp.shisakuflow.operations;

/**
 * A process whose instances belong to no city (a feature's own, such as the daily digest's, started by a timer for
 * every city): {@link RecordsOfNoCity} leaves them without one.
 */
public interface CitylessProcess {

  String processKey();
}
