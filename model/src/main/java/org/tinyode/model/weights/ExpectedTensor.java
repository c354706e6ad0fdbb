package org.tinyode.model.weights;

import java.util.Arrays;

/** A tensor a weights file must contain: name, dtype, shape. */
public record ExpectedTensor(String name, DType dtype, int[] shape) {
  @Override
  public boolean equals(Object o) {
    return o instanceof ExpectedTensor e && e.name.equals(name) && e.dtype == dtype && Arrays.equals(e.shape, shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + Arrays.toString(shape);
  }
}
