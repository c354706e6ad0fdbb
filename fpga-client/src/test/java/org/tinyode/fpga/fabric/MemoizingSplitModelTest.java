package org.tinyode.fpga.fabric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tinyode.fpga.testing.FakeSplitModel;

class MemoizingSplitModelTest {
  @Test
  void repeatsAreServedFromTheCacheWithIdenticalBytesAndTheOldestIsEvicted() {
    FakeSplitModel fake = new FakeSplitModel("ab".repeat(32));
    MemoizingSplitModel m = new MemoizingSplitModel(fake, 2);
    byte[] a = new byte[64];
    byte[] b = new byte[64];
    b[0] = 1;
    byte[] c = new byte[64];
    c[0] = 2;
    byte[] first = m.runFabric(a);
    byte[] again = m.runFabric(a.clone());
    assertArrayEquals(first, again);
    assertArrayEquals(fake.runFabric(a), again);
    assertNotSame(first, again);
    again[0] ^= 1; // callers may scribble on what they get
    assertArrayEquals(first, m.runFabric(a));
    assertEquals(1, m.misses());
    assertEquals(2, m.hits());
    m.runFabric(b);
    m.runFabric(c); // evicts a (least recently used)
    m.runFabric(a);
    assertEquals(4, m.misses());
    assertEquals("ab".repeat(32), m.modelSha256());
    assertThrows(IllegalArgumentException.class, () -> new MemoizingSplitModel(fake, 0));
  }
}
