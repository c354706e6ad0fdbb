package org.tinyode.floatmodel.quant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.tinyode.model.quant.FixedPoint;

/**
 * Shared quantization state of one network: the mode, the calibrated activation maxima, the frozen activation
 * formats ({@code frac.<edge>} of docs/weights-format.md) and, in {@link QuantMode#INTEGER}, the integer layers of a
 * quantized weights file. Every block of a network holds the same instance.
 *
 * <p>Not thread-safe while calibrating; in the other modes it is only read during a forward pass.
 */
public final class QuantContext {

  private volatile QuantMode mode = QuantMode.FLOAT;
  private final Map<String, Double> maxima = new TreeMap<>();
  private final Map<String, Integer> fracs = new TreeMap<>();
  private final Map<String, IntegerLayer> integerLayers = new LinkedHashMap<>();
  private final Map<String, FoldedLayer> foldedLayers = new LinkedHashMap<>();

  public QuantMode mode() {
    return mode;
  }

  public void setMode(QuantMode mode) {
    if ((mode == QuantMode.QAT || mode == QuantMode.INTEGER) && fracs.isEmpty()) {
      throw new IllegalStateException("mode " + mode + " needs activation formats: calibrate or load them first");
    }
    this.mode = mode;
  }

  /** True for the modes whose FPGA stages pass integer-valued tensors. */
  public boolean quantized() {
    return mode == QuantMode.QAT || mode == QuantMode.INTEGER;
  }

  /** Records {@code max|x|} of an edge (CALIBRATE mode): the running maximum over every batch seen. */
  public synchronized void observe(String edge, double absMax) {
    maxima.merge(edge, absMax, Math::max);
  }

  public synchronized Map<String, Double> maxima() {
    return Collections.unmodifiableMap(new TreeMap<>(maxima));
  }

  public synchronized void clearMaxima() {
    maxima.clear();
  }

  /** Freezes every observed edge's format: {@code f = floor(log2(127 / max))} (docs/fixed-point.md section 3). */
  public synchronized void freezeFormats() {
    for (Map.Entry<String, Double> e : maxima.entrySet()) {
      fracs.put(e.getKey(), FixedPoint.activationFrac(e.getValue()));
    }
  }

  /** The frozen format of an edge; an unknown edge is an error that names it. */
  public int frac(String edge) {
    Integer f = fracs.get(edge);
    if (f == null) {
      throw new IllegalStateException("no activation format for edge '" + edge + "' (known: " + fracs.keySet() + ")");
    }
    return f;
  }

  public void setFrac(String edge, int frac) {
    fracs.put(edge, frac);
  }

  public Map<String, Integer> fracs() {
    return Collections.unmodifiableMap(fracs);
  }

  public void putIntegerLayer(String layer, IntegerLayer tensors) {
    integerLayers.put(layer, tensors);
  }

  /** The integer tensors of {@code layer} (INTEGER mode). */
  public IntegerLayer integerLayer(String layer) {
    IntegerLayer l = integerLayers.get(layer);
    if (l == null) {
      throw new IllegalStateException("quantized weights have no layer '" + layer + "'");
    }
    return l;
  }

  public void putFoldedLayer(String layer, FoldedLayer tensors) {
    foldedLayers.put(layer, tensors);
  }

  /** The float folded tensors of a software layer (INTEGER mode). */
  public FoldedLayer foldedLayer(String layer) {
    FoldedLayer l = foldedLayers.get(layer);
    if (l == null) {
      throw new IllegalStateException("quantized weights have no folded float layer '" + layer + "'");
    }
    return l;
  }
}
