package org.tinyode.fpga.power;

import org.tinyode.fpga.protocol.Labelled;

/** An open measurement window; {@link #close} returns the energy in joules with its provenance. */
public interface EnergyWindow {
  Labelled close(StageActivity activity);
}
