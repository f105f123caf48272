package io.tiersim.model.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bundled data folders ({@code hardware-profiles/}, {@code scenarios/}) live: the
 * {@code tiersim.home} system property (set by the launcher and by the test runner), else the
 * nearest working-directory ancestor that holds {@code hardware-profiles/}.
 */
public final class TiersimHome {
  private TiersimHome() {}

  public static Path root() {
    String prop = System.getProperty("tiersim.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("hardware-profiles"))) {
        return p;
      }
    }
    return dir;
  }

  public static Path hardwareProfiles() {
    return root().resolve("hardware-profiles");
  }

  public static Path scenarios() {
    return root().resolve("scenarios");
  }
}
