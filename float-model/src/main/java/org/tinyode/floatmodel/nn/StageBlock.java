package org.tinyode.floatmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyode.floatmodel.quant.QuantContext;

/**
 * A named stage of the network (stem, FPGA stage or head). In the quantized modes the FPGA stages take and return
 * integer-valued tensors whose formats are those of the named activation edges; the stem quantizes its output and
 * the head dequantizes its input, so the network's input and output are always float.
 */
public abstract class StageBlock extends AbstractBlock {

  protected final String stageName;
  protected final QuantContext quant;

  protected StageBlock(String stageName, QuantContext quant) {
    super((byte) 1);
    if (stageName == null || stageName.isBlank()) {
      throw new IllegalArgumentException("stage name is required");
    }
    if (quant == null) {
      throw new IllegalArgumentException(stageName + ": quant context is required");
    }
    this.stageName = stageName;
    this.quant = quant;
  }

  /** The spec's stage name ({@code stem}, {@code ode1}, ..., {@code head}). */
  public String stageName() {
    return stageName;
  }

  /** The stage's computation in the context's current mode. */
  public abstract NDArray run(ParameterStore ps, NDArray x, boolean training);

  /** Every parameter under its PyTorch {@code state_dict} name. */
  public Map<String, Parameter> stateDict() {
    Map<String, Parameter> m = new LinkedHashMap<>();
    for (Block child : getChildren().values()) {
      if (child instanceof ConvBnBlock c) {
        m.putAll(c.stateDict());
      } else if (child instanceof StageBlock s) {
        m.putAll(s.stateDict());
      }
    }
    return m;
  }

  /** Max |x| of a float tensor on the host (calibration). */
  protected static double absMax(NDArray x) {
    return x.stopGradient().abs().max().toType(DataType.FLOAT64, false).getDouble();
  }

  @Override
  protected final NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(run(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape[] shapes = inputShapes;
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, shapes);
      shapes = child.getOutputShapes(shapes);
    }
  }
}
