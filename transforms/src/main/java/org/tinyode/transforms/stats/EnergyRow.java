package org.tinyode.transforms.stats;

import java.io.Serializable;

/** Energy of one stage of one backend: mean joules per inference over {@code count} examples, with provenance. */
public record EnergyRow(String backend, String stage, long count, double meanJ, double totalJ, String provenance)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
