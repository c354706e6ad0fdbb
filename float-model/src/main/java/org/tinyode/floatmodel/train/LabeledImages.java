package org.tinyode.floatmodel.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.tinyode.datasets.DatasetException;
import org.tinyode.datasets.Example;
import org.tinyode.datasets.ImageDataset;

/**
 * Decoded images held in memory (uint8 RGB HWC, one byte[] per image) with their labels and dataset indices:
 * CIFAR-10 train is 50,000 x 3,072 bytes = 150 MB.
 */
public final class LabeledImages {

  private final byte[][] rgb;
  private final int[] labels;
  private final int[] indices;
  private final int width;
  private final int height;

  private LabeledImages(byte[][] rgb, int[] labels, int[] indices, int width, int height) {
    this.rgb = rgb;
    this.labels = labels;
    this.indices = indices;
    this.width = width;
    this.height = height;
  }

  /**
   * Decodes examples {@code which} of {@code data} with {@code threads} threads; every image must be
   * {@code width x height} and labelled.
   */
  public static LabeledImages load(ImageDataset data, int[] which, int width, int height, int threads,
      IntConsumer progress) throws DatasetException {
    byte[][] rgb = new byte[which.length][];
    int[] labels = new int[which.length];
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<?>> fs = new ArrayList<>();
      int chunk = Math.max(1, which.length / (threads * 8) + 1);
      for (int start = 0; start < which.length; start += chunk) {
        int s = start;
        int e = Math.min(which.length, start + chunk);
        fs.add(pool.submit(() -> {
          for (int i = s; i < e; i++) {
            Example ex = data.get(which[i]);
            if (ex.width() != width || ex.height() != height) {
              throw new DatasetException(DatasetException.Kind.INVALID_REQUEST, ex.id(), which[i], -1,
                  "image is " + ex.width() + "x" + ex.height() + ", the model needs " + width + "x" + height);
            }
            if (ex.label() < 0) {
              throw new DatasetException(DatasetException.Kind.INVALID_REQUEST, ex.id(), which[i], -1,
                  "unlabeled example: training and evaluation need labels");
            }
            rgb[i] = ex.rgb();
            labels[i] = ex.label();
            int d = done.incrementAndGet();
            if (progress != null && d % 1000 == 0) {
              progress.accept(d);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof DatasetException de) {
            throw de;
          }
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new LabeledImages(rgb, labels, which.clone(), width, height);
  }

  /**
   * Seeded split of {@code 0..n-1}: returns {train, validation} index arrays, validation = the first
   * {@code round(n * fraction)} of a seeded permutation (each sorted).
   */
  public static int[][] split(int n, double fraction, long seed) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int nv = (int) Math.round(n * fraction);
    int[] val = java.util.Arrays.copyOfRange(perm, 0, nv);
    int[] train = java.util.Arrays.copyOfRange(perm, nv, n);
    java.util.Arrays.sort(val);
    java.util.Arrays.sort(train);
    return new int[][] {train, val};
  }

  /** {@code limit} indices of {@code 0..n-1} spread evenly ({@code i * n / limit}); all of them if limit <= 0. */
  public static int[] spread(int n, int limit) {
    int k = limit > 0 ? Math.min(limit, n) : n;
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = (int) ((long) i * n / k);
    }
    return out;
  }

  /** {@code base[positions[i]]} for every i. */
  public static int[] pick(int[] base, int[] positions) {
    int[] out = new int[positions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = base[positions[i]];
    }
    return out;
  }

  public int size() {
    return rgb.length;
  }

  public byte[] rgb(int i) {
    return rgb[i];
  }

  public int label(int i) {
    return labels[i];
  }

  /** Position of image {@code i} in its dataset. */
  public int datasetIndex(int i) {
    return indices[i];
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }
}
