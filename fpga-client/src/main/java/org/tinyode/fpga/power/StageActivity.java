package org.tinyode.fpga.power;

/**
 * What ran during a window, for the modeled monitor: {@code unit} is {@link #PS} (software on the processing
 * system), {@link #DMA} (a DDR transfer) or a fabric engine name from the profile; {@code modeledSeconds} is the
 * modeled duration on the board.
 */
public record StageActivity(String unit, double modeledSeconds) {
  public static final String PS = "ps";
  public static final String DMA = "dma";
}
