package org.tinyode.transforms.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class McNemarTest {
  @Test
  void noDiscordantPairsIsPOne() {
    assertEquals(1.0, McNemar.exactPValue(0, 0));
  }

  @Test
  void matchesHandComputedBinomialTails() {
    // b=0, c=5: 2 * (1/2)^5 = 0.0625
    assertEquals(0.0625, McNemar.exactPValue(0, 5), 1e-12);
    // b=1, c=9: 2 * (1 + 10) / 1024 = 0.021484375
    assertEquals(0.021484375, McNemar.exactPValue(9, 1), 1e-12);
    assertEquals(1.0, McNemar.exactPValue(3, 3));
  }
}
