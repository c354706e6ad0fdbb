package org.tinyode.floatmodel.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;
import org.tinyode.model.weights.Provenance;
import org.tinyode.model.weights.TensorData;
import org.tinyode.model.weights.WeightsFile;

/**
 * Copies parameters between an initialized {@link TinyOdeNetwork} and a float {@link WeightsFile}, one tensor
 * per {@code state_dict} name (docs/weights-format.md), in both directions. Names and shapes must match 1:1.
 */
public final class StateDictIo {

  private StateDictIo() {}

  /** The network's parameters as F32 tensors. */
  public static List<TensorData> tensors(TinyOdeNetwork net) {
    List<TensorData> out = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : net.stateDict().entrySet()) {
      NDArray a = e.getValue().getArray();
      int[] shape = Arrays.stream(a.getShape().getShape()).mapToInt(l -> (int) l).toArray();
      out.add(TensorData.ofFloats(e.getKey(), shape, a.toType(DataType.FLOAT32, false).toFloatArray()));
    }
    return out;
  }

  /** A float weights file of the network's current parameters. */
  public static WeightsFile toWeightsFile(TinyOdeNetwork net, Provenance provenance) {
    return WeightsFile.of(WeightsFile.Kind.FLOAT, net.spec(), provenance, tensors(net));
  }

  /** Overwrites the (initialized) network's parameters with the file's tensors. */
  public static void load(TinyOdeNetwork net, WeightsFile file) {
    if (file.kind() != WeightsFile.Kind.FLOAT) {
      throw new IllegalArgumentException("expected a float weights file, got " + file.kind().label());
    }
    for (Map.Entry<String, Parameter> e : net.stateDict().entrySet()) {
      TensorData t = file.tensor(e.getKey());
      NDArray a = e.getValue().getArray();
      long[] want = a.getShape().getShape();
      int[] got = t.shape();
      if (want.length != got.length || !Arrays.equals(want, Arrays.stream(got).asLongStream().toArray())) {
        throw new IllegalArgumentException("tensor " + e.getKey() + ": shape " + Arrays.toString(got)
            + " does not match the network's " + a.getShape());
      }
      a.set(t.asFloats());
    }
  }
}
