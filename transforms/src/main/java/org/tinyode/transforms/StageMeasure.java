package org.tinyode.transforms;

import java.io.Serializable;

/**
 * Latency and energy of one stage for one example. Stage names follow the model spec: {@code stem}, each FPGA
 * stage by its spec name ({@code ode1}, {@code trans1}, ..., {@code mhsa}), {@code head}, and for the fpga backend
 * also {@code transfer_in}, {@code transfer_out} and {@code queue} (client-side round trip not accounted for by
 * the board's stages). Every number carries its provenance, {@code measured:<by what>} or {@code modeled:<what>}.
 */
public record StageMeasure(String stage, String device, long latencyNs, String latencyProvenance,
    double energyJ, String energyProvenance) implements Serializable {
  private static final long serialVersionUID = 1L;

  public StageMeasure {
    Provenances.check(latencyProvenance, "latency of stage " + stage);
    Provenances.check(energyProvenance, "energy of stage " + stage);
  }
}
