package org.tinyode.model.golden;

/**
 * The Vector API path of {@link QConv}: weights packed once per layer for the register tiles of
 * {@link VectorConvKernel}, taps split into blocks of at most 1024 (exact float partial sums, then int), and the
 * requantization epilogue in integers. Spatial layout (4 output channels x 24 flat plane positions, the junk
 * columns {@code x >= wo} computed and dropped) for large maps; channel layout (16 output channels x 6 output
 * positions) for maps with fewer positions than output channels. Immutable; thread-safe.
 */
final class TiledConv {
  private final ConvGeometry g;
  private final int cout;
  private final boolean channelMode;
  private final int taps;
  private final int[] blockStart;
  private final int[] tapOff;
  /** Packed weights: spatial {@code [cout/4][taps][4]}, channel {@code [cout/16][taps][16]} (zero padded). */
  private final float[] wp;
  private final int coBlock;
  private final int coBlocks;
  /** Spatial: flat position → output index (y*wo + x) or -1; length {@code qTiles * 24}. */
  private final int[] qToOut;
  /** Channel: plane position of output p (padded with the last one to a multiple of 6). */
  private final int[] posQ;
  private final int tiles;
  private final int planesNeeded;
  /** Fast integer epilogue per channel (valid when {@link #fast}): {@code bias + 2^(s-1)} and {@code s}. */
  private final int[] addend;
  private final int[] shift;
  private final boolean relu;
  private final boolean fast;

  TiledConv(ConvGeometry g, float[] w, int cout, int[] tapOff, boolean channelMode, int[] bias, int[] shift,
      boolean relu) {
    this.g = g;
    this.cout = cout;
    this.channelMode = channelMode;
    this.tapOff = tapOff;
    this.taps = g.cin() * g.k() * g.k();
    int nb = (taps + 1023) / 1024;
    int len = (taps + nb - 1) / nb;
    this.blockStart = new int[nb + 1];
    for (int b = 0; b <= nb; b++) {
      blockStart[b] = Math.min(taps, b * len);
    }
    this.coBlock = channelMode ? VectorConvKernel.CH_CO : VectorConvKernel.SP_CO;
    this.coBlocks = (cout + coBlock - 1) / coBlock;
    this.wp = new float[coBlocks * taps * coBlock];
    for (int c = 0; c < cout; c++) {
      int cb = c / coBlock;
      int j = c % coBlock;
      for (int t = 0; t < taps; t++) {
        wp[(cb * taps + t) * coBlock + j] = w[c * taps + t];
      }
    }
    // Fast epilogue per channel, in int32, when |bias| + max|acc| + 2^(s-1) < 2^31 (sat32 never clips):
    // s in [0, 30]: sat8(rshift(relu?(v), s)) = clamp((v + 2^(s-1)) >> s) (rshift is monotone and maps 0 to 0, so
    // the ReLU may follow it); s < 0: sat8(sat32(v << n)) = clamp(clamp(v) << min(n, 8)) (any |v| >= 128 saturates
    // either way). Other shifts take QConv.requantize.
    this.relu = relu;
    this.addend = new int[cout];
    this.shift = shift.clone();
    long maxAcc = (long) taps * 128 * 127;
    boolean ok = true;
    for (int c = 0; c < cout; c++) {
      int s = shift[c];
      long half = s > 0 ? 1L << (s - 1) : 0;
      ok &= s <= 30 && Math.abs((long) bias[c]) + maxAcc + half < Integer.MAX_VALUE;
      addend[c] = (int) (bias[c] + half);
    }
    this.fast = ok;
    int maxOff = 0;
    for (int o : tapOff) {
      maxOff = Math.max(maxOff, o);
    }
    int np = g.ho() * g.wo();
    if (channelMode) {
      this.tiles = (np + VectorConvKernel.CH_P - 1) / VectorConvKernel.CH_P;
      this.posQ = new int[tiles * VectorConvKernel.CH_P];
      int maxQ = 0;
      for (int p = 0; p < posQ.length; p++) {
        int pp = Math.min(p, np - 1);
        posQ[p] = (pp / g.wo()) * g.wq() + pp % g.wo();
        maxQ = Math.max(maxQ, posQ[p]);
      }
      this.qToOut = null;
      this.planesNeeded = Math.max(g.planesLength(), maxOff + maxQ + 1);
    } else {
      this.tiles = (g.span() + VectorConvKernel.SP_Q - 1) / VectorConvKernel.SP_Q;
      this.qToOut = new int[tiles * VectorConvKernel.SP_Q];
      for (int q = 0; q < qToOut.length; q++) {
        int y = q / g.wq();
        int x = q % g.wq();
        qToOut[q] = q < g.span() && x < g.wo() ? y * g.wo() + x : -1;
      }
      this.posQ = null;
      this.planesNeeded = Math.max(g.planesLength(), maxOff + qToOut.length);
    }
  }

  /** Length of the planes buffer this layer reads (tiles may run past the last plane; those lanes are dropped). */
  int planesNeeded() {
    return planesNeeded;
  }

  /**
   * {@code planes}: filled phase planes; {@code out}: {@code [cout][ho][wo]}, requantized as {@code q} does. The
   * epilogue of a tile runs after the next tile's multiply-accumulate (double-buffered sums): reading a tile's
   * sums right after the vector stores that wrote them stalls on store-to-load forwarding.
   */
  void run(float[] planes, float[] out, Scratch s, QConv q) {
    int nb = blockStart.length - 1;
    float[] f = s.floats(Scratch.TILE_F, 2 * nb * 96);
    float[] xp = channelMode ? s.floats(Scratch.TILE_X, taps * VectorConvKernel.CH_P) : null;
    int hw = g.ho() * g.wo();
    int pendingTile = -1;
    int pendingCb = 0;
    int cur = 0;
    for (int tile = 0; tile < tiles; tile++) {
      if (channelMode) {
        packPositions(planes, tile * VectorConvKernel.CH_P, xp);
      }
      for (int cb = 0; cb < coBlocks; cb++) {
        int wBase = cb * taps * coBlock;
        for (int b = 0; b < nb; b++) {
          int o = (cur * nb + b) * 96;
          if (channelMode) {
            VectorConvKernel.channel(xp, blockStart[b], blockStart[b + 1], wp, wBase, f, o);
          } else {
            VectorConvKernel.spatial(planes, tapOff, blockStart[b], blockStart[b + 1], wp, wBase,
                tile * VectorConvKernel.SP_Q, f, o);
          }
        }
        if (pendingTile >= 0) {
          finish(pendingTile, pendingCb, f, (1 - cur) * nb * 96, nb, out, hw, q);
        }
        pendingTile = tile;
        pendingCb = cb;
        cur = 1 - cur;
      }
    }
    finish(pendingTile, pendingCb, f, (1 - cur) * nb * 96, nb, out, hw, q);
  }

  /** Requantizes one tile whose {@code nb} block sums start at {@code f[fo]}. */
  private void finish(int tile, int cb, float[] f, int fo, int nb, float[] out, int hw, QConv q) {
    if (!fast) {
      finishSlow(tile, cb, f, fo, nb, out, hw, q);
    } else if (channelMode) {
      finishChannel(tile, cb, f, fo, nb, out, hw);
    } else {
      finishSpatial(tile, cb, f, fo, nb, out, hw);
    }
  }

  /** {@code sat8(relu?(v) << n)} for {@code n <= 8} without overflow: clamp first, shift, clamp again. */
  private static int leftShifted(int v, int n, int lo) {
    int c = Math.min(127, Math.max(lo, v)) << n;
    return Math.min(127, Math.max(lo, c));
  }

  /** Integer sum of lane {@code k} over the block sums at {@code f[fo]}, {@code f[fo + 96]}, ... */
  private static int sum(float[] f, int fo, int nb, int k) {
    int v = (int) f[fo + k];
    for (int b = 1; b < nb; b++) {
      v += (int) f[fo + b * 96 + k];
    }
    return v;
  }

  /** Spatial tile epilogue, fast integer path: lane {@code j*24 + i} is channel {@code 4cb + j}, position q0+i. */
  private void finishSpatial(int tile, int cb, float[] f, int fo, int nb, float[] out, int hw) {
    int q0 = tile * VectorConvKernel.SP_Q;
    int n = Math.min(VectorConvKernel.SP_CO, cout - cb * VectorConvKernel.SP_CO);
    for (int j = 0; j < n; j++) {
      int c = cb * VectorConvKernel.SP_CO + j;
      int ad = addend[c];
      int sh = shift[c];
      int lo = relu ? 0 : -128;
      int base = c * hw;
      int k = j * VectorConvKernel.SP_Q;
      if (sh >= 0) {
        for (int i = 0; i < VectorConvKernel.SP_Q; i++, k++) {
          int o = qToOut[q0 + i];
          if (o >= 0) {
            out[base + o] = Math.min(127, Math.max(lo, (sum(f, fo, nb, k) + ad) >> sh));
          }
        }
      } else {
        int m = Math.min(-sh, 8);
        for (int i = 0; i < VectorConvKernel.SP_Q; i++, k++) {
          int o = qToOut[q0 + i];
          if (o >= 0) {
            out[base + o] = leftShifted(sum(f, fo, nb, k) + ad, m, lo);
          }
        }
      }
    }
  }

  /** Channel tile epilogue, fast integer path: lane {@code p*16 + j} is channel {@code 16cb + j}, position p0+p. */
  private void finishChannel(int tile, int cb, float[] f, int fo, int nb, float[] out, int hw) {
    int p0 = tile * VectorConvKernel.CH_P;
    int np = Math.min(VectorConvKernel.CH_P, hw - p0);
    int n = Math.min(VectorConvKernel.CH_CO, cout - cb * VectorConvKernel.CH_CO);
    int lo = relu ? 0 : -128;
    for (int j = 0; j < n; j++) {
      int c = cb * VectorConvKernel.CH_CO + j;
      int ad = addend[c];
      int sh = shift[c];
      int base = c * hw + p0;
      if (sh >= 0) {
        for (int p = 0, k = j; p < np; p++, k += VectorConvKernel.CH_CO) {
          out[base + p] = Math.min(127, Math.max(lo, (sum(f, fo, nb, k) + ad) >> sh));
        }
      } else {
        int m = Math.min(-sh, 8);
        for (int p = 0, k = j; p < np; p++, k += VectorConvKernel.CH_CO) {
          out[base + p] = leftShifted(sum(f, fo, nb, k) + ad, m, lo);
        }
      }
    }
  }

  /** Any tile, through {@link QConv#requantize} (extreme biases or shifts). */
  private void finishSlow(int tile, int cb, float[] f, int fo, int nb, float[] out, int hw, QConv q) {
    for (int k = 0; k < 96; k++) {
      int c;
      int o;
      if (channelMode) {
        int p = tile * VectorConvKernel.CH_P + k / VectorConvKernel.CH_CO;
        c = cb * VectorConvKernel.CH_CO + k % VectorConvKernel.CH_CO;
        o = p < hw ? p : -1;
      } else {
        c = cb * VectorConvKernel.SP_CO + k / VectorConvKernel.SP_Q;
        o = qToOut[tile * VectorConvKernel.SP_Q + k % VectorConvKernel.SP_Q];
      }
      if (c < cout && o >= 0) {
        out[c * hw + o] = q.requantize(c, sum(f, fo, nb, k));
      }
    }
  }

  /** {@code xp[6t + p] = planes[off[t] + q(p0 + p)]}: the tile's 6 positions, tap-major and contiguous. */
  private void packPositions(float[] planes, int p0, float[] xp) {
    int q0 = posQ[p0];
    int q1 = posQ[p0 + 1];
    int q2 = posQ[p0 + 2];
    int q3 = posQ[p0 + 3];
    int q4 = posQ[p0 + 4];
    int q5 = posQ[p0 + 5];
    for (int t = 0, i = 0; t < taps; t++, i += 6) {
      int b = tapOff[t];
      xp[i] = planes[b + q0];
      xp[i + 1] = planes[b + q1];
      xp[i + 2] = planes[b + q2];
      xp[i + 3] = planes[b + q3];
      xp[i + 4] = planes[b + q4];
      xp[i + 5] = planes[b + q5];
    }
  }

}
