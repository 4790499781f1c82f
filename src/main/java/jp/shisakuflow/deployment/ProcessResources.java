package jp.shisakuflow.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The deployable files under one location (by default {@code classpath*:processes/}), each named by
 * its path inside that folder, e.g. {@code initiative-lifecycle.bpmn} or {@code forms/verify.form}.
 */
public final class ProcessResources {

  static final Set<String> DEPLOYABLE_EXTENSIONS = Set.of("bpmn", "dmn", "form");

  /** A deployable file and the name it is deployed under. */
  public record Entry(String name, Resource resource) {
    public String extension() {
      return name.substring(name.lastIndexOf('.') + 1);
    }

    public InputStream open() {
      try {
        return resource.getInputStream();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + name, e);
      }
    }
  }

  private ProcessResources() {}

  public static List<Entry> scan(String location) {
    String root = location.endsWith("/") ? location : location + "/";
    String folder = root.substring(root.indexOf(':') + 1);
    try {
      List<Entry> entries = new ArrayList<>();
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(root + "**/*")) {
        String url = resource.getURL().toString();
        int at = url.lastIndexOf("/" + folder);
        String name = url.substring(at + folder.length() + 1);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (resource.isReadable() && DEPLOYABLE_EXTENSIONS.contains(extension)) {
          entries.add(new Entry(name, resource));
        }
      }
      entries.sort((a, b) -> a.name().compareTo(b.name()));
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot scan " + location, e);
    }
  }
}
