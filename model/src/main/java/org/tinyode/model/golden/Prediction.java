package org.tinyode.model.golden;

/** Golden model output for one image: float logits (software head) and the top-1 class (lowest index on ties). */
public record Prediction(float[] logits, int top1) {
  static Prediction of(float[] logits) {
    return new Prediction(logits, top1(logits));
  }

  /** Index of the largest logit, the lowest index on ties (the rule every backend and the board protocol use). */
  public static int top1(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }
}
