package org.tinyode.floatmodel.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.floatmodel.TestSpecs;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;
import org.tinyode.model.spec.ModelSpec;

/** A few SGD steps on real CIFAR-10 images lower the loss on those images. */
class EpochRunnerTest {

  @Test
  void aFewStepsReduceTheLossOnARealSample() throws Exception {
    Path sample = TestSpecs.cifarSample();
    Assumptions.assumeTrue(sample != null, "no samples/cifar10 and no ../shared/datasets/cifar10: skipped");
    ModelSpec spec = TestSpecs.tiny();
    Engine.getInstance().setRandomSeed(1);
    try (ImageDataset ds = Datasets.open(sample, null, sample.toString().endsWith(".tar.gz") ? "test" : null);
        NDManager m = NDManager.newBaseManager()) {
      LabeledImages images = LabeledImages.load(ds, LabeledImages.spread(ds.size(), 128), 32, 32, 2, null);
      TinyOdeNetwork net = TinyOdeNetwork.build(spec);
      net.initialize(m, DataType.FLOAT32, net.inputShape(32));
      ParameterStore ps = new ParameterStore(m, false);
      Optimizer opt = new Optimizer(Optimizer.Kind.SGD, 0.9, true, 5e-4, net.stateDict(), m);
      // BN statistics: one pass in training mode before measuring, so "before" is not penalised by stale stats
      EpochRunner.run(net, ps, m, images, new Optimizer(Optimizer.Kind.SGD, 0, false, 0, net.stateDict(), m),
          step -> 1e-9, 0, 32, 0, 1, null, 0);
      double before = Evaluation.run(net, ps, m, images, 64, null).loss();
      for (int epoch = 0; epoch < 4; epoch++) {
        EpochRunner.run(net, ps, m, images, opt, step -> 0.05, epoch * 4L, 32, 0.0, 100 + epoch, null, 0);
      }
      double after = Evaluation.run(net, ps, m, images, 64, null).loss();
      assertTrue(after < before - 0.1, "loss before " + before + ", after 16 steps " + after);
    }
  }
}
