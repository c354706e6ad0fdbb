package org.tinyode.fpga.fabric;

import java.nio.file.Path;
import org.tinyode.fpga.protocol.Sha256;
import org.tinyode.model.golden.GoldenModel;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightsFile;

/**
 * The {@link SplitModel} of a quantized weights file, over the integer golden model
 * ({@code org.tinyode.model.golden.GoldenModel}): float stem, integer FPGA stages, float head. The model hash is
 * the SHA-256 of the file's bytes.
 */
public final class GoldenSplitModel implements SplitModel {
  private final GoldenModel golden;
  private final String sha256;
  private final int stemFrac;
  private final int outFrac;

  private GoldenSplitModel(WeightsFile w, String sha256) {
    this.golden = GoldenModel.of(w);
    this.sha256 = sha256;
    ModelSpec spec = w.spec();
    this.stemFrac = w.frac("stem.out");
    this.outFrac = w.frac(WeightNames.outputEdge(spec, spec.stages().size() - 1));
  }

  /** Loads and verifies {@code quantizedWeights} (WeightsException names the file on any problem). */
  public static GoldenSplitModel load(Path quantizedWeights) {
    return new GoldenSplitModel(WeightsFile.load(quantizedWeights, null), Sha256.hex(quantizedWeights));
  }

  public GoldenModel golden() {
    return golden;
  }

  @Override
  public ModelSpec spec() {
    return golden.spec();
  }

  @Override
  public String modelSha256() {
    return sha256;
  }

  @Override
  public int stemOutputFracBits() {
    return stemFrac;
  }

  @Override
  public int fabricOutputFracBits() {
    return outFrac;
  }

  @Override
  public byte[] stem(byte[] imageHwc) {
    return golden.stemOut(imageHwc);
  }

  @Override
  public byte[] runFabric(byte[] stemOutput) {
    return golden.runFpga(stemOutput, null);
  }

  @Override
  public float[] head(byte[] fabricOutput) {
    return golden.head(fabricOutput).logits();
  }
}
