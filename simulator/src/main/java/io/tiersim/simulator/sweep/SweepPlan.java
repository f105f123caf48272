package io.tiersim.simulator.sweep;

import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.scenario.Runtime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A resolved sweep and its grid. The grid runs over blocks (each model crossed with each system,
 * in file order), and inside a block over generated tokens, then lengths, then batch sizes, then
 * variants, then request rates (innermost). Strategy and batch vary fastest but for demand, so the
 * points that answer one capacity question (one model, system and context) are contiguous.
 *
 * @param blocks one per model and system, each with the variants that system can run
 * @param skipped variants left out of a block, with the reason (a CSD strategy on a system without)
 */
public record SweepPlan(
    String name,
    String description,
    List<Block> blocks,
    SweepAxes axes,
    Slo slo,
    Runtime runtime,
    Integer prefillChunkTokens,
    List<String> skipped) {

  /**
   * Version of the row layout; part of the fingerprint so old journals are not mixed with new rows.
   * 2: {@code quality_loss_pct} added.
   */
  static final int FORMAT = 2;

  public SweepPlan {
    blocks = List.copyOf(blocks);
    skipped = List.copyOf(skipped);
    runtime = runtime == null ? Runtime.EAGER : runtime;
  }

  /** A model on a system, the variants it runs there, and where its cells start. */
  public record Block(int index, ModelArchitecture model, SystemProfile system, List<Variant> variants, long firstCell) {
    public Block {
      variants = List.copyOf(variants);
    }
  }

  /** Request-rate points per cell (1 without a rate axis). */
  public int ratesPerCell() {
    return axes.requestRatePerS() == null ? 1 : axes.requestRatePerS().size();
  }

  /** Cells of one block. */
  public long cellsIn(Block b) {
    return (long) axes.generateTokens().size() * axes.lengths().size() * axes.batchSize().size() * b.variants().size();
  }

  public long cellCount() {
    Block last = blocks.get(blocks.size() - 1);
    return last.firstCell() + cellsIn(last);
  }

  public long pointCount() {
    return cellCount() * ratesPerCell();
  }

  /** The request rate of a point, or null without a rate axis. */
  public Double rate(int rateIndex) {
    return axes.requestRatePerS() == null ? null : axes.requestRatePerS().get(rateIndex);
  }

  /** The cell at a grid position. */
  public Cell cell(long index) {
    if (index < 0 || index >= cellCount()) {
      throw new IndexOutOfBoundsException("cell " + index + " of " + cellCount());
    }
    Block block = blocks.get(0);
    for (Block b : blocks) {
      if (b.firstCell() <= index) {
        block = b;
      }
    }
    long i = index - block.firstCell();
    int variants = block.variants().size();
    int variant = (int) (i % variants);
    i /= variants;
    int batch = axes.batchSize().get((int) (i % axes.batchSize().size()));
    i /= axes.batchSize().size();
    int length = axes.lengths().get((int) (i % axes.lengths().size()));
    i /= axes.lengths().size();
    int generate = axes.generateTokens().get((int) i);
    return new Cell(index, block, variant, generate, axes.prompt(length, generate), batch, prefillChunkTokens);
  }

  /**
   * A digest of everything that decides the rows: the resolved models, systems and strategies (not
   * the file's text, so comments may change) with their quality losses, the axes, the SLOs and the
   * row format. A journal
   * with another fingerprint belongs to another sweep.
   */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<Object> parts = new ArrayList<>(List.of(FORMAT, axes, slo, runtime, String.valueOf(prefillChunkTokens)));
      for (Block b : blocks) {
        parts.add(b.model());
        parts.add(b.system());
        for (Variant v : b.variants()) {
          parts.add(v);
        }
      }
      for (Object p : parts) {
        sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
