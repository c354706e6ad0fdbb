package org.tinyode.fpga.fabric;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinyode.fpga.protocol.Sha256;
import org.tinyode.model.golden.GoldenModel;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StageSpec;
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

  /**
   * Without an edit: one {@code runFpga} pass; each stage's output is taken at its
   * {@link GoldenModel#outputTap} and hashed as int8 bytes, exactly as the golden backend does, so identical
   * tensors give identical hashes. With an edit: stage by stage ({@link GoldenModel#runFpgaStages}, bit-identical
   * to one pass), each output edited, hashed, then fed to the next stage.
   */
  @Override
  public StagedOutput runFabricStaged(byte[] stemOutput, StageEdit edit) {
    List<StageSpec> stages = golden.spec().stages();
    int n = stages.size();
    String[] hashes = new String[n];
    if (edit == null) {
      Map<String, Integer> endTaps = new HashMap<>();
      for (int i = 0; i < n; i++) {
        endTaps.put(GoldenModel.outputTap(stages.get(i)), i);
      }
      byte[] out = golden.runFpga(stemOutput, (name, shape, values) -> {
        Integer i = endTaps.get(name);
        if (i != null) {
          hashes[i] = Sha256.hex(toInt8(values));
        }
      });
      return new StagedOutput(out, Arrays.asList(hashes));
    }
    byte[] x = stemOutput;
    for (int i = 0; i < n; i++) {
      x = golden.runFpgaStages(x, i, i + 1, null);
      edit.edit(stages.get(i).name(), x);
      hashes[i] = Sha256.hex(x);
    }
    return new StagedOutput(x, Arrays.asList(hashes));
  }

  /** The int8 bytes of a tap's values (as the golden backend converts them). */
  static byte[] toInt8(int[] v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Override
  public float[] head(byte[] fabricOutput) {
    return golden.head(fabricOutput).logits();
  }
}
