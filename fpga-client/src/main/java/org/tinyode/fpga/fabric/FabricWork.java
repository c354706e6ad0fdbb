package org.tinyode.fpga.fabric;

import java.util.ArrayList;
import java.util.List;
import org.tinyode.model.spec.FeatureShape;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.OdeBlockSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.spec.TransitionSpec;

/**
 * Breaks each FPGA stage of a spec into layer work (docs/fixed-point.md gives the computation):
 * <ul>
 *   <li>odeblock: {@code conv1}, {@code conv2} (3x3, C to C), each repeated {@code steps} times; the Euler update
 *       is fused into conv2's epilogue (no extra cycles);</li>
 *   <li>transition: one {@code k x k} conv (layer type {@code conv<k>x<k>});</li>
 *   <li>mhsa: {@code q}, {@code k}, {@code v} (1x1), {@code attention} (2 N^2 C MACs: q.(k+r) and p.v),
 *       {@code softmax} (heads N^2 elements), {@code proj} (1x1); the residual is fused into proj.</li>
 * </ul>
 * Bytes: int8 activations in + out, int8 weights + int32 bias per output channel, int8 relative embeddings.
 */
public final class FabricWork {
  private FabricWork() {}

  public static List<LayerWork> of(ModelSpec spec, int stageIndex) {
    StageSpec stage = spec.stages().get(stageIndex);
    FeatureShape in = spec.stageInput(stageIndex);
    FeatureShape out = spec.stageOutputs().get(stageIndex);
    List<LayerWork> layers = new ArrayList<>();
    if (stage instanceof OdeBlockSpec b) {
      long c = b.channels();
      long macs = c * c * 9 * in.positions();
      long bytes = 2L * c * in.positions();
      long weights = c * c * 9 + 4 * c;
      layers.add(new LayerWork(b.name() + ".conv1", "conv3x3", macs, bytes, weights, b.steps()));
      layers.add(new LayerWork(b.name() + ".conv2", "conv3x3", macs, bytes, weights, b.steps()));
    } else if (stage instanceof TransitionSpec t) {
      long k = t.kernel();
      long macs = (long) t.inChannels() * t.outChannels() * k * k * out.positions();
      long bytes = (long) in.size() + out.size();
      long weights = (long) t.inChannels() * t.outChannels() * k * k + 4L * t.outChannels();
      layers.add(new LayerWork(t.name() + ".conv", "conv" + k + "x" + k, macs, bytes, weights, 1));
    } else if (stage instanceof MhsaSpec m) {
      long c = m.channels();
      long n = in.positions();
      long proj = c * c * n;
      long projBytes = 2 * c * n;
      long projWeights = c * c + 4 * c;
      for (String p : List.of("q", "k", "v")) {
        layers.add(new LayerWork(m.name() + "." + p, "conv1x1", proj, projBytes, projWeights, 1));
      }
      long rel = (long) m.heads() * ((2L * m.height() - 1) + (2L * m.width() - 1)) * m.headDim();
      layers.add(new LayerWork(m.name() + ".attention", "attention", 2 * n * n * c, 4 * c * n, rel, 1));
      layers.add(new LayerWork(m.name() + ".softmax", "softmax", (long) m.heads() * n * n, 0, 0, 1));
      layers.add(new LayerWork(m.name() + ".proj", "conv1x1", proj, 3 * c * n, projWeights, 1));
    } else {
      throw new IllegalArgumentException("unknown stage type " + stage);
    }
    return layers;
  }
}
