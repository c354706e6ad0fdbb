package org.tinyode.floatmodel.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGD with (Nesterov) momentum and coupled weight decay, or AdamW (decoupled), updating parameters in place and
 * zeroing their gradients. Weight decay applies to conv/fc weights and relative embeddings ({@code WEIGHT}
 * parameters) only, not to BN or biases. Optimizer state lives in {@code manager} under the tensor names, so a
 * checkpoint can save and restore it. Temporaries of each update live in an {@link NDScope}.
 */
public final class Optimizer {

  /** Which update rule. */
  public enum Kind { SGD, ADAMW }

  private final Kind kind;
  private final double momentum;
  private final boolean nesterov;
  private final double weightDecay;
  private final Map<String, Parameter> params;
  private final NDManager manager;
  private final Map<String, NDArray> state1 = new LinkedHashMap<>();
  private final Map<String, NDArray> state2 = new LinkedHashMap<>();
  private long steps;

  public Optimizer(Kind kind, double momentum, boolean nesterov, double weightDecay, Map<String, Parameter> params,
      NDManager manager) {
    this.kind = kind;
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
    this.params = params;
    this.manager = manager;
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      if (e.getValue().requiresGradient()) {
        NDArray w = e.getValue().getArray();
        state1.put(e.getKey(), manager.zeros(w.getShape(), w.getDataType()));
        if (kind == Kind.ADAMW) {
          state2.put(e.getKey(), manager.zeros(w.getShape(), w.getDataType()));
        }
      }
    }
  }

  /** One update with learning rate {@code lr}; call after backward, outside the gradient collector. */
  public void step(double lr) {
    steps++;
    for (Map.Entry<String, NDArray> e : state1.entrySet()) {
      Parameter p = params.get(e.getKey());
      NDArray w = p.getArray();
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray g = w.getGradient();
        boolean decay = p.getType() == Parameter.Type.WEIGHT && weightDecay > 0;
        if (kind == Kind.SGD) {
          NDArray grad = decay ? g.add(w.mul(weightDecay)) : g.duplicate();
          NDArray buf = e.getValue();
          buf.muli(momentum).addi(grad);
          NDArray upd = nesterov ? grad.addi(buf.mul(momentum)) : buf;
          w.subi(upd.mul(lr));
        } else {
          double b1 = 0.9;
          double b2 = 0.999;
          NDArray m = e.getValue();
          NDArray v = state2.get(e.getKey());
          m.muli(b1).addi(g.mul(1 - b1));
          v.muli(b2).addi(g.square().muli(1 - b2));
          double c1 = 1 - Math.pow(b1, steps);
          double c2 = 1 - Math.pow(b2, steps);
          if (decay) {
            w.muli(1 - lr * weightDecay);
          }
          w.subi(m.div(c1).divi(v.div(c2).sqrt().addi(1e-8)).muli(lr));
        }
        g.muli(0);
      }
    }
  }

  /** Optimizer state tensors: {@code m.<name>} (and {@code v.<name>} for AdamW). */
  public Map<String, NDArray> state() {
    Map<String, NDArray> m = new LinkedHashMap<>();
    state1.forEach((k, v) -> m.put("m." + k, v));
    state2.forEach((k, v) -> m.put("v." + k, v));
    return m;
  }

  public long steps() {
    return steps;
  }

  public void setSteps(long steps) {
    this.steps = steps;
  }
}
