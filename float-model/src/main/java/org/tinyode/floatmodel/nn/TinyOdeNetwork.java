package org.tinyode.floatmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyode.floatmodel.quant.QuantContext;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.OdeBlockSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.spec.TransitionSpec;

/**
 * The whole TinyODE network from a {@link ModelSpec}: stem, the FPGA stages in spec order, head. Children are
 * named after the spec's stages, and {@link #stateDict()} maps every parameter to its PyTorch-style tensor name
 * (docs/weights-format.md).
 *
 * <pre>
 *   image [B, 3, H, W] (normalised) -> stem -> ode1 -> trans1 -> ode2 -> trans2 -> mhsa -> head -> logits [B, K]
 * </pre>
 */
public final class TinyOdeNetwork extends StageBlock {

  private final ModelSpec spec;
  private final List<StageBlock> stages = new ArrayList<>();

  private TinyOdeNetwork(ModelSpec spec, QuantContext quant, boolean zeroInitResidual) {
    super(spec.name(), quant);
    this.spec = spec;
    stages.add(addChildBlock("stem", StemBlock.of(spec.stem(), quant)));
    String edge = StemBlock.OUT_EDGE;
    for (StageSpec s : spec.stages()) {
      if (s instanceof OdeBlockSpec o) {
        stages.add(addChildBlock(o.name(), OdeBlock.builder().spec(o).inEdge(edge)
            .optZeroInitResidual(zeroInitResidual).quant(quant).build()));
      } else if (s instanceof TransitionSpec t) {
        TransitionBlock b = TransitionBlock.of(t, edge, quant);
        stages.add(addChildBlock(t.name(), b));
        edge = b.outEdge();
      } else if (s instanceof MhsaSpec m) {
        RelativeMhsaBlock b = RelativeMhsaBlock.of(m, edge, quant);
        stages.add(addChildBlock(m.name(), b));
        edge = b.outEdge();
      } else {
        throw new IllegalArgumentException("unsupported stage type " + s.getClass().getSimpleName());
      }
    }
    stages.add(addChildBlock("head", HeadBlock.of(spec.fpgaOutput().channels(), spec.numClasses(), edge, quant)));
  }

  /** The network of {@code spec} for training (each ODE step starts as the identity: BN2 gamma = 0). */
  public static TinyOdeNetwork build(ModelSpec spec) {
    return build(spec, new QuantContext(), true);
  }

  /**
   * The network of {@code spec}.
   *
   * @param zeroInitResidual start BN2's gamma of every ODE function at 0 (training) or 1 (random models)
   */
  public static TinyOdeNetwork build(ModelSpec spec, QuantContext quant, boolean zeroInitResidual) {
    spec.validate();
    return new TinyOdeNetwork(spec, quant, zeroInitResidual);
  }

  public ModelSpec spec() {
    return spec;
  }

  public QuantContext quant() {
    return quant;
  }

  /** Stem, FPGA stages, head, in execution order. */
  public List<StageBlock> stages() {
    return Collections.unmodifiableList(stages);
  }

  /** Input shape for a batch of {@code batch} images. */
  public Shape inputShape(long batch) {
    return new Shape(batch, spec.input().channels(), spec.input().height(), spec.input().width());
  }

  /** Every parameter by tensor name, in network order. */
  @Override
  public Map<String, Parameter> stateDict() {
    Map<String, Parameter> m = new LinkedHashMap<>();
    for (StageBlock s : stages) {
      m.putAll(s.stateDict());
    }
    return m;
  }

  @Override
  public NDArray run(ParameterStore ps, NDArray x, boolean training) {
    NDArray y = x;
    for (StageBlock s : stages) {
      y = s.run(ps, y, training);
    }
    return y;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] shapes = inputShapes;
    for (Block b : getChildren().values()) {
      shapes = b.getOutputShapes(shapes);
    }
    return shapes;
  }
}
