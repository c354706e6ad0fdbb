package org.tinyode.floatmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyode.model.spec.ModelSpec;

/** Tiny specs for fast tests, and where the bundled CIFAR-10 sample lives. */
public final class TestSpecs {

  private TestSpecs() {}

  /** 32x32 input, 8-channel stem + pool, ODE (2 steps, h = 1/2), transition to 16 ch at 8x8, MHSA 2 heads x 8. */
  public static final String TINY_JSON = """
      {
        "specVersion": 1, "name": "tiny-test", "numClasses": 10,
        "classNames": ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"],
        "input": {"height": 32, "width": 32, "channels": 3, "mean": [0.4914, 0.4822, 0.4465],
                  "std": [0.2470, 0.2435, 0.2616]},
        "stem": {"outChannels": 8, "kernel": 3, "stride": 1, "poolKernel": 2, "poolStride": 2, "device": "cpu"},
        "stages": [
          {"type": "odeblock", "name": "ode1", "channels": 8, "steps": 2, "stepSize": 0.5, "device": "fpga"},
          {"type": "transition", "name": "trans1", "inChannels": 8, "outChannels": 16, "kernel": 3, "stride": 2,
           "device": "fpga"},
          {"type": "mhsa", "name": "mhsa", "channels": 16, "heads": 2, "headDim": 8, "height": 8, "width": 8,
           "device": "fpga"}
        ],
        "head": {"pool": "global-avg", "device": "cpu"}
      }
      """;

  public static ModelSpec tiny() {
    return ModelSpec.fromJson(TINY_JSON);
  }

  /** The project root (Surefire sets {@code tinyode.root}), or the parent of the working directory. */
  public static Path root() {
    String r = System.getProperty("tinyode.root");
    return r != null ? Path.of(r) : Path.of("").toAbsolutePath().getParent();
  }

  /** {@code samples/cifar10} if bundled, else the shared CIFAR-10 test archive, else null. */
  public static Path cifarSample() {
    Path s = root().resolve("samples/cifar10");
    if (Files.isDirectory(s)) {
      return s;
    }
    Path shared = root().resolve("../shared/datasets/cifar10/cifar10-test.tar.gz").normalize();
    return Files.isRegularFile(shared) ? shared : null;
  }
}
