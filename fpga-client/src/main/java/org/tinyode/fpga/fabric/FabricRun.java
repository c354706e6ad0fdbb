package org.tinyode.fpga.fabric;

import java.util.List;

/** Result of one fabric run: the int8 CHW output of the last stage and per-stage reports in execution order. */
public record FabricRun(byte[] output, List<FabricStage> stages) {}
