package io.tiersim.cli;

import io.tiersim.model.io.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tiersim} command: one subcommand per job. Exit codes: 0 done, 2 bad input, 1 a bug. */
@Command(
    name = "tiersim",
    mixinStandardHelpOptions = true,
    version = "tiersim 0.1.0",
    description = "Simulates LLM inference with compressed and offloaded KV caches across GPU, host, disk and CSD tiers.",
    subcommands = {SimulateCommand.class, ServeCommand.class, PlanCommand.class, SweepCommand.class, ReportCommand.class, ValidateCommand.class, ModelsCommand.class, HardwareCommand.class, PresetsCommand.class, CalibrateCommand.class,
        CommandLine.HelpCommand.class})
public final class TiersimCommand implements Runnable {
  public static final int EXIT_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (tests call this). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new TiersimCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> e instanceof InputException ? EXIT_INPUT : 1);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof InputException) {
        commandLine.getErr().println("tiersim: " + e.getMessage());
        return EXIT_INPUT;
      }
      throw e;
    });
    cl.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("tiersim: " + e.getMessage());
      e.getCommandLine().usage(e.getCommandLine().getErr());
      return EXIT_INPUT;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
