package org.tinyode.fpga.fabric;

/**
 * The seam between the board agent and the programmable logic. Contract (docs/board-protocol.md, "Fabric seam"):
 * <ul>
 *   <li>{@link #run} takes one example's int8 CHW stem output (exactly {@code spec.stemOutput().size()} bytes,
 *       format {@code stem.out}) and returns the int8 CHW output of the last FPGA stage, bit-exact with the
 *       golden model (docs/fixed-point.md);</li>
 *   <li>it reports {@code transfer_in}, one entry per FPGA stage (spec order, spec names), {@code transfer_out},
 *       each with cycles, seconds and energy labelled {@code measured:<counter/sensor>} or
 *       {@code modeled:<profile>}, and optionally, for every spec stage, the SHA-256 of its int8 CHW output
 *       ({@link FabricStage#outputSha256()}, reported as {@code StageReport.output_sha256});</li>
 *   <li>it may be called from several threads; an implementation with one physical datapath serialises
 *       internally;</li>
 *   <li>it throws {@link FabricException} (never returns partial output) when the device fails.</li>
 * </ul>
 */
public interface Fabric extends AutoCloseable {
  FabricInfo info();

  FabricRun run(byte[] stemOutput);

  @Override
  void close();
}
