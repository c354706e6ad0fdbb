package org.tinyode.datasets;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes examples on several threads but hands them to a consumer strictly in the given index order (for
 * hashing and writing). At most {@code 64 * threads} decoded examples are held at once.
 */
public final class OrderedDecoder {

  /** Receives examples in order. */
  @FunctionalInterface
  public interface Sink {
    void accept(Example example) throws DatasetException;
  }

  private OrderedDecoder() {}

  /** Decodes {@code indices} of {@code ds} with {@code threads} threads; the first bad record stops the run. */
  public static void forEach(ImageDataset ds, int[] indices, int threads, Sink sink) throws DatasetException {
    int n = Math.max(1, threads);
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "decode");
      t.setDaemon(true);
      return t;
    });
    try {
      int window = 64 * n;
      ArrayDeque<Future<Example>> pending = new ArrayDeque<>();
      int next = 0;
      while (next < indices.length || !pending.isEmpty()) {
        while (next < indices.length && pending.size() < window) {
          int idx = indices[next++];
          pending.add(pool.submit(() -> ds.get(idx)));
        }
        sink.accept(take(pending.poll()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** All indices 0..size-1. */
  public static void forEach(ImageDataset ds, int threads, Sink sink) throws DatasetException {
    forEach(ds, java.util.stream.IntStream.range(0, ds.size()).toArray(), threads, sink);
  }

  private static Example take(Future<Example> f) throws DatasetException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DatasetException d) {
        throw d;
      }
      throw new IllegalStateException("decoding failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while decoding", e);
    }
  }
}
