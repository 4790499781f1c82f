package jp.shisakuflow.support;

/**
 * Tests that start (or fail to start) an application of their own, or a Spring context other than the
 * shared {@link ApiTest} one. The engine keeps a static registry of engines by name, which the REST API
 * reads: a second engine called "default" in the same JVM would take the first one's requests. So these
 * tests run in a JVM of their own each (see the pom's surefire executions).
 */
public final class OwnApplication {

  public static final String TAG = "own-application";

  private OwnApplication() {}
}
