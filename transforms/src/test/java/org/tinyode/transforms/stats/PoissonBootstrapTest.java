package org.tinyode.transforms.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PoissonBootstrapTest {
  @Test
  void weightsDependOnlyOnSeedAndExampleId() {
    assertArrayEquals(PoissonBootstrap.weights(7, "cifar10/test/3", 50), PoissonBootstrap.weights(7, "cifar10/test/3", 50));
    assertTrue(!java.util.Arrays.equals(PoissonBootstrap.weights(7, "a", 50), PoissonBootstrap.weights(8, "a", 50)));
  }

  @Test
  void poissonOneByInversionHasTheRightCdfSteps() {
    assertEquals(0, PoissonBootstrap.poisson1(0.0));
    assertEquals(0, PoissonBootstrap.poisson1(0.3678)); // P[X=0] = e^-1 = 0.36788
    assertEquals(1, PoissonBootstrap.poisson1(0.3679));
    assertEquals(2, PoissonBootstrap.poisson1(0.75)); // P[X<=1] = 0.73576, P[X<=2] = 0.91970
  }

  @Test
  void weightsAverageOne() {
    long sum = 0;
    int n = 0;
    for (int i = 0; i < 200; i++) {
      for (int w : PoissonBootstrap.weights(1, "id" + i, 100)) {
        sum += w;
        n++;
      }
    }
    assertEquals(1.0, (double) sum / n, 0.03);
  }

  @Test
  void percentileIntervalInterpolatesAndSkipsEmptyReplicates() {
    long[] num = {1, 2, 3, 4, 5, 9};
    long[] den = {10, 10, 10, 10, 10, 0};
    double[] ci = PoissonBootstrap.percentileInterval(num, den, 0.5);
    assertEquals(0.2, ci[0], 1e-12); // quantile 0.25 of {.1,.2,.3,.4,.5}
    assertEquals(0.4, ci[1], 1e-12);
  }
}
