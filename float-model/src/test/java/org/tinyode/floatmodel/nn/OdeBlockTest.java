package org.tinyode.floatmodel.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyode.floatmodel.quant.QuantContext;

class OdeBlockTest {

  private static OdeBlock block(int steps, QuantContext q) {
    return OdeBlock.builder().name("ode1").channels(4).steps(steps).stepShift(1).inEdge("stem.out")
        .optZeroInitResidual(false).quant(q).build();
  }

  private static long elements(OdeBlock b) {
    long n = 0;
    for (Parameter p : b.stateDict().values()) {
      n += p.getArray().size();
    }
    return n;
  }

  @Test
  void parameterCountDoesNotDependOnSteps() {
    try (NDManager m = NDManager.newBaseManager()) {
      OdeBlock one = block(1, new QuantContext());
      OdeBlock five = block(5, new QuantContext());
      one.initialize(m, DataType.FLOAT32, new Shape(2, 4, 5, 5));
      five.initialize(m, DataType.FLOAT32, new Shape(2, 4, 5, 5));
      assertEquals(one.stateDict().keySet(), five.stateDict().keySet());
      assertEquals(10, one.stateDict().size(), "conv1, bn1 (4 tensors), conv2, bn2 (4 tensors), nothing per step");
      assertEquals(2 * 4 * 4 * 9 + 8 * 4, elements(one));
      assertEquals(elements(one), elements(five));
    }
  }

  @Test
  void eachStepReusesTheSameFunctionAndMoreStepsChangeTheOutput() {
    Engine.getInstance().setRandomSeed(7);
    try (NDManager m = NDManager.newBaseManager()) {
      QuantContext q = new QuantContext();
      OdeBlock two = block(2, q);
      OdeBlock three = block(3, q);
      two.initialize(m, DataType.FLOAT32, new Shape(2, 4, 5, 5));
      three.initialize(m, DataType.FLOAT32, new Shape(2, 4, 5, 5));
      for (Map.Entry<String, Parameter> e : two.stateDict().entrySet()) {
        three.stateDict().get(e.getKey()).getArray().set(e.getValue().getArray().toFloatArray());
      }
      ParameterStore ps = new ParameterStore(m, false);
      NDArray x = m.randomNormal(new Shape(2, 4, 5, 5));
      NDArray y2 = two.run(ps, x, false);
      NDArray y3 = three.run(ps, x, false);
      // z1 = x + f(x)/2, z2 = z1 + f(z1)/2 with the one shared f
      OdeFunctionBlock f = (OdeFunctionBlock) two.getChildren().values().get(0);
      assertEquals(1, two.getChildren().size(), "one shared child function");
      NDArray z1 = x.add(f.run(ps, x, false).mul(0.5));
      NDArray z2 = z1.add(f.run(ps, z1, false).mul(0.5));
      assertArrayEquals(z2.toFloatArray(), y2.toFloatArray(), 1e-5f);
      NDArray z3 = z2.add(f.run(ps, z2, false).mul(0.5));
      assertArrayEquals(z3.toFloatArray(), y3.toFloatArray(), 1e-5f);
      assertFalse(y2.allClose(y3, 1e-4, 1e-4, false), "one more Euler step must change the output");
    }
  }

  @Test
  void builderRejectsBadSettings() {
    QuantContext q = new QuantContext();
    assertThrows(IllegalArgumentException.class, () -> OdeBlock.builder().name("o").channels(4).steps(0)
        .inEdge("e").quant(q).build());
    assertThrows(IllegalArgumentException.class, () -> OdeBlock.builder().name("o").channels(4).steps(1)
        .stepShift(-1).inEdge("e").quant(q).build());
    assertThrows(IllegalArgumentException.class, () -> OdeBlock.builder().name("o").channels(4).steps(1)
        .quant(q).build());
  }
}
