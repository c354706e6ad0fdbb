package org.tinyode.floatmodel.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyode.datasets.Example;
import org.tinyode.floatmodel.FloatModel;
import org.tinyode.floatmodel.Prediction;
import org.tinyode.floatmodel.TestSpecs;
import org.tinyode.floatmodel.nn.StageBlock;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;
import org.tinyode.floatmodel.train.LabeledImages;
import org.tinyode.floatmodel.weights.StateDictIo;
import org.tinyode.model.golden.GoldenModel;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightsFile;

/**
 * Calibrate, export through the model module's Quantizer, then check that (1) the DJL integer path reproduces the
 * golden model's FPGA output bit for bit from the same int8 stem output, (2) the QAT fake-quant forward pass
 * computes the same integers, and (3) whole-image top-1 agrees with the golden model.
 */
class QuantizedExportTest {

  @Test
  void djlIntegerPathQatPathAndGoldenModelAgree() {
    ModelSpec spec = TestSpecs.tiny();
    WeightsFile floats = RandomWeights.floatWeights(spec, 42);
    List<Example> images = images(24);
    try (NDManager m = NDManager.newBaseManager()) {
      TinyOdeNetwork net = TinyOdeNetwork.build(spec, new QuantContext(), false);
      net.initialize(m, DataType.FLOAT32, net.inputShape(1));
      StateDictIo.load(net, floats);
      ParameterStore ps = new ParameterStore(m, false);
      Calibration.run(net, ps, m, asLabeled(images), 8, 3);
      WeightsFile quant = QuantizedExport.export(net, floats.provenance(), "test calibration");
      assertEquals(WeightsFile.Kind.QUANTIZED, quant.kind());
      GoldenModel golden = GoldenModel.of(quant);
      net.quant().setMode(QuantMode.QAT);
      try (FloatModel q = FloatModel.of(quant)) {
        List<StageBlock> intStages = q.network().stages();
        ParameterStore qps = new ParameterStore(m, false);
        int agree = 0;
        for (Example e : images) {
          byte[] stemOut = golden.stemOut(e.rgb());
          byte[] want = golden.runFpga(stemOut, null);
          float[] in = new float[stemOut.length];
          for (int i = 0; i < in.length; i++) {
            in[i] = stemOut[i];
          }
          Shape s = new Shape(1, spec.stem().outChannels(), spec.stemOutput().height(), spec.stemOutput().width());
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray xi = m.create(in, s).toType(DataType.FLOAT64, false);
            NDArray xq = m.create(in, s);
            for (int k = 1; k < intStages.size() - 1; k++) {
              xi = intStages.get(k).run(qps, xi, false);
              xq = net.stages().get(k).run(ps, xq, false);
            }
            assertArrayEquals(toFloat(want), xi.toType(DataType.FLOAT32, false).toFloatArray(), 0f,
                "integer path vs golden, " + e.id());
            assertArrayEquals(toFloat(want), xq.toFloatArray(), 0f, "QAT path vs golden, " + e.id());
          }
          Prediction p = q.predict(List.of(e)).get(0);
          if (p.top1() == golden.predict(e.rgb()).top1()) {
            agree++;
          }
        }
        assertTrue(agree >= images.size() - 1, "top-1 agreement " + agree + "/" + images.size());
      }
    }
  }

  private static float[] toFloat(byte[] b) {
    float[] f = new float[b.length];
    for (int i = 0; i < b.length; i++) {
      f[i] = b[i];
    }
    return f;
  }

  static List<Example> images(int n) {
    Random r = new Random(17);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] rgb = new byte[32 * 32 * 3];
      // smooth random images (blocks of colour) look more like photos than white noise
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          for (int c = 0; c < 3; c++) {
            rgb[(y * 32 + x) * 3 + c] = (byte) ((x / 8 * 50 + y / 8 * 30 + c * 70 + i * 13 + r.nextInt(30)) & 0xFF);
          }
        }
      }
      out.add(new Example("rand/test/" + i, i, i % 10, 32, 32, rgb));
    }
    return out;
  }

  static LabeledImages asLabeled(List<Example> ex) {
    org.tinyode.datasets.ImageDataset ds = new InMemoryDataset(ex);
    int[] all = new int[ex.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    try {
      return LabeledImages.load(ds, all, 32, 32, 1, null);
    } catch (org.tinyode.datasets.DatasetException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A list of examples as an ImageDataset. */
  record InMemoryDataset(List<Example> ex) implements org.tinyode.datasets.ImageDataset {
    public String name() {
      return "mem";
    }

    public String format() {
      return "folder";
    }

    public String split() {
      return "test";
    }

    public int size() {
      return ex.size();
    }

    public List<String> classNames() {
      return TestSpecs.tiny().classNames();
    }

    public int width() {
      return 32;
    }

    public int height() {
      return 32;
    }

    public int label(int index) {
      return ex.get(index).label();
    }

    public Example get(int index) {
      return ex.get(index);
    }

    public void close() {}
  }
}
