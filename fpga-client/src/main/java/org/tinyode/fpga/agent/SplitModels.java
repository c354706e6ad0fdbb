package org.tinyode.fpga.agent;

import java.nio.file.Path;
import org.tinyode.fpga.fabric.GoldenSplitModel;
import org.tinyode.fpga.fabric.SplitModel;

/** Loads the split model of a quantized model file for the agent: the golden-model adapter. */
final class SplitModels {
  private SplitModels() {}

  static SplitModel load(Path file) {
    return GoldenSplitModel.load(file);
  }
}
