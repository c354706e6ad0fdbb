package org.tinyode.transforms.backend;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One loaded backend per JVM and {@link BackendSpec}, shared by every DoFn instance (the runner may create many):
 * the model is loaded once per worker JVM. {@link #acquire} counts users; the last {@link #release} (from
 * {@code @Teardown}) closes it.
 */
public final class SharedBackends {
  private static final Map<BackendSpec, Entry> LOADED = new HashMap<>();
  private static Function<BackendSpec, Backend> factory = Backends::open;

  private static final class Entry {
    final Backend backend;
    int users;

    Entry(Backend backend) {
      this.backend = backend;
    }
  }

  private SharedBackends() {}

  /** The backend for {@code spec}, loading it on first use. */
  public static synchronized Backend acquire(BackendSpec spec) {
    Entry e = LOADED.get(spec);
    if (e == null) {
      e = new Entry(factory.apply(spec));
      LOADED.put(spec, e);
    }
    e.users++;
    return e.backend;
  }

  /** Drops one user; closes the backend when none is left. */
  public static synchronized void release(BackendSpec spec) {
    Entry e = LOADED.get(spec);
    if (e != null && --e.users <= 0) {
      LOADED.remove(spec);
      e.backend.close();
    }
  }

  /** Backends currently loaded in this JVM (tests). */
  public static synchronized int loadedCount() {
    return LOADED.size();
  }
}
