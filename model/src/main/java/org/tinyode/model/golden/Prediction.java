package org.tinyode.model.golden;

/** Golden model output for one image: float logits (software head) and the top-1 class (lowest index on ties). */
public record Prediction(float[] logits, int top1) {
  static Prediction of(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return new Prediction(logits, best);
  }
}
