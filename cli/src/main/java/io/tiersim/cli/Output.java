package io.tiersim.cli;

import io.tiersim.model.io.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a command's whole output at once, to standard output or atomically to a file, so that a
 * failure never leaves half an output behind.
 */
final class Output {
  private Output() {}

  static void emit(String text, Path file, PrintWriter out) {
    if (file == null) {
      out.print(text);
      out.flush();
      return;
    }
    Path target = file.toAbsolutePath();
    try {
      Path dir = target.getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".tiersim-", ".tmp");
      try {
        Files.writeString(tmp, text);
        try {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new InputException(file, 0, null, "cannot write the output file: " + e.getMessage());
    }
  }
}
