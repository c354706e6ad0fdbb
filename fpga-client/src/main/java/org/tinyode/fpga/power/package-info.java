/**
 * The power seam ({@link org.tinyode.fpga.power.PowerMonitor}) and its three implementations: Linux hwmon
 * INA226-style rails (board power on a ZCU104 under Linux), RAPL powercap energy counters (CPU hosts) and a
 * monitor modeled from the board profile. Energies are labelled {@code measured:<sensor>} or
 * {@code modeled:<profile>}.
 */
package org.tinyode.fpga.power;
