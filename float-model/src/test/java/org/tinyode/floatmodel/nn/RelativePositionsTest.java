package org.tinyode.floatmodel.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class RelativePositionsTest {

  /** 2 rows x 3 columns: position i = y * 3 + x. */
  @Test
  void indicesFollowTheBotNetFormula() {
    int h = 2;
    int w = 3;
    // query (0,0) = 0, key (1,2) = 5: dy = +1 -> row 1 + 1 = 2; dx = +2 -> column 2 + 2 = 4
    assertEquals(2, RelativePositions.rowIndex(0, 5, w, h));
    assertEquals(4, RelativePositions.columnIndex(0, 5, w));
    // query (1,2) = 5, key (0,0) = 0: dy = -1 -> 0; dx = -2 -> 0
    assertEquals(0, RelativePositions.rowIndex(5, 0, w, h));
    assertEquals(0, RelativePositions.columnIndex(5, 0, w));
    // same position: the centre rows H-1 and W-1
    assertEquals(1, RelativePositions.rowIndex(4, 4, w, h));
    assertEquals(2, RelativePositions.columnIndex(4, 4, w));
  }

  @Test
  void tableAddsTheRowAndColumnEmbeddings() {
    try (NDManager m = NDManager.newBaseManager()) {
      // 1 head, d = 1, H = 2 (3 row offsets), W = 3 (5 column offsets)
      NDArray relH = m.create(new float[] {100, 200, 300}, new Shape(1, 3, 1));
      NDArray relW = m.create(new float[] {1, 2, 3, 4, 5}, new Shape(1, 5, 1));
      NDArray r = RelativePositions.table(m, relH, relW, 2, 3);
      assertEquals(new Shape(1, 6, 6, 1), r.getShape());
      float[] v = r.toFloatArray();
      // r[0][0][5]: dy=+1 -> relH[2]=300, dx=+2 -> relW[4]=5
      assertEquals(305f, v[0 * 6 + 5]);
      // r[0][5][0]: dy=-1 -> relH[0]=100, dx=-2 -> relW[0]=1
      assertEquals(101f, v[5 * 6 + 0]);
      // r[0][4][4]: same position -> relH[1] + relW[2]
      assertEquals(203f, v[4 * 6 + 4]);
      // r[0][1][3]: query (0,1), key (1,0): dy=+1 -> 300, dx=-1 -> relW[1]=2
      assertEquals(302f, v[1 * 6 + 3]);
    }
  }

  @Test
  void positionLogitsAreQueryDotTable() {
    try (NDManager m = NDManager.newBaseManager()) {
      // B = 1, heads = 1, N = 2, d = 2
      NDArray q = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
      NDArray r = m.create(new float[] {1, 0, 0, 1, 2, 2, -1, 1}, new Shape(1, 2, 2, 2));
      // P[i][j] = q_i . r_ij: q0=(1,2): r00=(1,0) -> 1, r01=(0,1) -> 2; q1=(3,4): r10=(2,2) -> 14, r11=(-1,1) -> 1
      assertArrayEquals(new float[] {1, 2, 14, 1}, RelativePositions.logits(q, r).toFloatArray());
    }
  }
}
