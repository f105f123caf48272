package io.tiersim.model.io;

import java.nio.file.Path;

/**
 * Bad user input: names the file, the line, the field and what was expected, so a user can fix it
 * without reading a stack trace. The CLI maps it to exit code 2.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String field;
  private final String problem;

  public InputException(String file, int line, String field, String problem) {
    super(format(file, line, field, problem));
    this.file = file;
    this.line = line;
    this.field = field;
    this.problem = problem;
  }

  public InputException(Path file, int line, String field, String problem) {
    this(file == null ? null : file.toString(), line, field, problem);
  }

  /** An error that is not tied to a file, such as an unknown id given on the command line. */
  public static InputException of(String field, String problem) {
    return new InputException((String) null, 0, field, problem);
  }

  private static String format(String file, int line, String field, String problem) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
      if (line > 0) {
        sb.append(':').append(line);
      }
      sb.append(": ");
    }
    if (field != null && !field.isEmpty()) {
      sb.append("field '").append(field).append("': ");
    }
    return sb.append(problem).toString();
  }

  /** The file, or null when the input did not come from a file. */
  public String file() {
    return file;
  }

  /** One-based line number, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** Dotted path of the offending field, or null. */
  public String field() {
    return field;
  }

  /** What is wrong, without the file, line and field. */
  public String problem() {
    return problem;
  }
}
