package io.tiersim.model.io;

import java.nio.file.Path;

/**
 * A parsed input file with the line of each field, so that checks made after parsing (an unknown
 * preset, a model id) can still name file, line and field.
 */
public record Document<T>(String origin, Path baseDir, T value, LineIndex lines) {

  /** Reads and validates a file as {@code type}. */
  public static <T> Document<T> read(Path file, Class<T> type) {
    String text = YamlLoader.readText(file);
    T value = YamlLoader.read(file.toString(), text, type);
    Path base = file.toAbsolutePath().getParent();
    return new Document<>(file.toString(), base, value, LineIndex.of(text));
  }

  /**
   * Resolves what a field refers to (a model id, a system file); a lookup that fails without
   * naming a file of its own is reported at this document's field, one inside the referenced file
   * as that file's error.
   */
  public <R> R lookup(String field, java.util.function.Supplier<R> lookup) {
    try {
      return lookup.get();
    } catch (InputException e) {
      if (e.file() != null) {
        throw e;
      }
      throw error(field, e.problem());
    }
  }

  /** A file's name without its extension: the name a scenario, profile or report takes by default. */
  public static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** An error about the field at {@code path} in this document. */
  public InputException error(String path, String problem) {
    return new InputException(origin, lines.lineOf(path), path, problem);
  }
}
