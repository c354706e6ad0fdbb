package org.tinyode.floatmodel.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tinyode.floatmodel.nn.ConvBnBlock;
import org.tinyode.floatmodel.nn.NetworkLayers;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.weights.Provenance;
import org.tinyode.model.weights.TensorData;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightsFile;

/**
 * Writes the quantized weights file (docs/weights-format.md) of a network with frozen activation formats, using
 * the very operations of the QAT forward pass (BN folding, per-channel {@code fw}, round half up, saturation), so
 * the exported integers are exactly the ones QAT trained with. Layer and edge names come from
 * {@link WeightNames}.
 */
public final class QuantizedExport {

  private QuantizedExport() {}

  public static WeightsFile export(TinyOdeNetwork net, ParameterStore ps, NDManager manager, Provenance prov) {
    QuantContext q = net.quant();
    Map<String, ConvBnBlock> convs = NetworkLayers.convs(net);
    List<TensorData> out = new ArrayList<>();
    try (NDManager m = manager.newSubManager()) {
      ConvBnBlock stem = convs.get("stem.conv");
      NDArray[] stemWb = stem.folded(ps, m, false, 1.0);
      out.add(floats("stem.conv.weight", stemWb[0]));
      out.add(floats("stem.conv.bias", stemWb[1]));
      for (WeightNames.ConvLayer l : WeightNames.convLayers(net.spec())) {
        ConvBnBlock c = convs.get(l.name());
        double scale = l.name().endsWith(".q") ? 1.0 / Math.sqrt(headDim(net, l.name())) : 1.0;
        NDArray[] wb = c.folded(ps, m, false, scale);
        int[] fw = ConvBnBlock.weightFracs(wb[0]);
        int fIn = q.frac(l.inEdge());
        long outC = wb[0].getShape().get(0);
        NDArray wScale = FakeQuant.channelScale(m, fw, DataType.FLOAT32).reshape(outC, 1, 1, 1);
        float[] wq = wb[0].mul(wScale).add(0.5).floor().clip(-127, 127).toFloatArray();
        int[] accFrac = new int[fw.length];
        for (int i = 0; i < fw.length; i++) {
          accFrac[i] = fIn + fw[i];
        }
        NDArray bScale = FakeQuant.channelScale(m, accFrac, DataType.FLOAT32).reshape(outC);
        float[] bq = wb[1].mul(bScale).add(0.5).floor().clip(-2147483648.0, 2147483647.0).toFloatArray();
        out.add(TensorData.ofBytes(l.name() + ".weight_q", l.weightShape(), toBytes(wq)));
        byte[] fwb = new byte[fw.length];
        for (int i = 0; i < fw.length; i++) {
          fwb[i] = (byte) fw[i];
        }
        out.add(TensorData.ofBytes(l.name() + ".weight_frac", new int[] {fw.length}, fwb));
        int[] bi = new int[bq.length];
        for (int i = 0; i < bq.length; i++) {
          bi[i] = (int) bq[i];
        }
        out.add(TensorData.ofInts(l.name() + ".bias_q", new int[] {bi.length}, bi));
      }
      Map<String, Parameter> sd = net.stateDict();
      for (StageSpec s : net.spec().stages()) {
        if (s instanceof MhsaSpec a) {
          int fk = q.frac(a.name() + ".k");
          for (String part : List.of("rel_h", "rel_w")) {
            NDArray r = sd.get(a.name() + "." + part).getArray();
            float[] rq = r.mul(Math.scalb(1.0, fk)).add(0.5).floor().clip(-128, 127).toFloatArray();
            out.add(TensorData.ofBytes(a.name() + "." + part + "_q", shape(r), toBytes(rq)));
          }
        }
      }
      for (String edge : WeightNames.edges(net.spec())) {
        out.add(TensorData.ofBytes(WeightNames.fracTensor(edge), new int[] {1}, new byte[] {(byte) q.frac(edge)}));
      }
      out.add(floats("head.fc.weight", sd.get("head.fc.weight").getArray()));
      out.add(floats("head.fc.bias", sd.get("head.fc.bias").getArray()));
    }
    return WeightsFile.of(WeightsFile.Kind.QUANTIZED, net.spec(), prov, out);
  }

  private static int headDim(TinyOdeNetwork net, String layer) {
    String stage = layer.substring(0, layer.lastIndexOf('.'));
    for (StageSpec s : net.spec().stages()) {
      if (s instanceof MhsaSpec a && a.name().equals(stage)) {
        return a.headDim();
      }
    }
    throw new IllegalStateException("no MHSA stage for layer " + layer);
  }

  private static byte[] toBytes(float[] v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  private static int[] shape(NDArray a) {
    return Arrays.stream(a.getShape().getShape()).mapToInt(l -> (int) l).toArray();
  }

  private static TensorData floats(String name, NDArray a) {
    return TensorData.ofFloats(name, shape(a), a.toType(DataType.FLOAT32, false).toFloatArray());
  }
}
