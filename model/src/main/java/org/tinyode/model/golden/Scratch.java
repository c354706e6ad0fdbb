package org.tinyode.model.golden;

/**
 * Per-thread working buffers, grown on first use and then reused (no allocation per image once warm).
 * Slots are small integers owned by the callers (see the SLOT constants).
 */
final class Scratch {
  static final int PLANES = 0;
  static final int ACC_F = 1; // 1..4: four float accumulators
  static final int PING = 5;
  static final int PONG = 6;
  static final int ODE_ACT = 7;
  static final int ODE_F = 8;
  static final int STEM_IN = 9;
  static final int STEM_CONV = 10;
  static final int MHSA_Q = 11;
  static final int MHSA_K = 12;
  static final int MHSA_V = 13;
  static final int MHSA_ATTN = 14;
  static final int MHSA_PROJ = 15;
  static final int REF_A = 16;
  static final int REF_B = 17;
  static final int TILE_F = 18;
  static final int TILE_X = 19;
  static final int MHSA_ACC = 20;
  static final int MHSA_REL = 21;
  static final int MHSA_PT = 22;
  static final int MHSA_O = 23;
  static final int INT_LOGITS = 0;
  static final int INT_PROBS = 1;
  static final int INT_ROW = 2;
  static final int INT_REL = 3;
  static final int INT_A = 4; // 4..7: four int accumulators
  static final int INT_TILE = 8;

  static final int ROWS_COLS = 0;
  static final int ROWS_STEM = 1;

  private final float[][] floats = new float[24][];
  private final int[][] ints = new int[9][];
  private final float[][][] rows = new float[2][][];

  /** {@code count} separate float arrays of at least {@code len} elements (separate arrays let C2 vectorise). */
  float[][] rows(int slot, int count, int len) {
    float[][] r = rows[slot];
    if (r == null || r.length < count || r[0].length < len) {
      r = new float[Math.max(count, r == null ? 0 : r.length)][Math.max(len, r == null ? 0 : r[0].length)];
      rows[slot] = r;
    }
    return r;
  }

  float[] floats(int slot, int size) {
    float[] a = floats[slot];
    if (a == null || a.length < size) {
      a = new float[size];
      floats[slot] = a;
    }
    return a;
  }

  int[] ints(int slot, int size) {
    int[] a = ints[slot];
    if (a == null || a.length < size) {
      a = new int[size];
      ints[slot] = a;
    }
    return a;
  }
}
