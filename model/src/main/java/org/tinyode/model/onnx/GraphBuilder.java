package org.tinyode.model.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tinyode.model.onnx.proto.OnnxSubset.AttributeProto;
import org.tinyode.model.onnx.proto.OnnxSubset.GraphProto;
import org.tinyode.model.onnx.proto.OnnxSubset.NodeProto;
import org.tinyode.model.onnx.proto.OnnxSubset.TensorProto;

/**
 * Collects the nodes and initializers of one ONNX graph in topological order. Node and value names are made unique
 * with a counter; initializers are stored once under their name (adding the same name twice is an error, so a
 * shared weight is referenced, never copied).
 */
final class GraphBuilder {
  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> initializers = new HashSet<>();
  private int counter;

  GraphProto.Builder graph() {
    return graph;
  }

  /** A float32 initializer (raw little-endian data). */
  String floats(String name, float[] values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return initializer(name, TensorProto.DataType.FLOAT, b.array(), dims);
  }

  /** An int64 initializer (shapes, indices). */
  String longs(String name, long[] values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return initializer(name, TensorProto.DataType.INT64, b.array(), dims);
  }

  private String initializer(String name, TensorProto.DataType type, byte[] raw, long... dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    int size = type == TensorProto.DataType.FLOAT ? 4 : 8;
    if (n * size != raw.length) {
      throw new IllegalArgumentException("initializer " + name + ": " + raw.length + " bytes for dims "
          + java.util.Arrays.toString(dims));
    }
    if (!initializers.add(name)) {
      throw new IllegalStateException("initializer " + name + " added twice");
    }
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
        .setRawData(ByteString.copyFrom(raw));
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  /** Adds a node with one output named {@code <hint>_<n>} and returns that output name. */
  String node(String opType, String hint, List<String> inputs, AttributeProto... attrs) {
    String out = hint + "_" + (counter++);
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(out).addAllInput(inputs).addOutput(out);
    for (AttributeProto a : attrs) {
      n.addAttribute(a);
    }
    graph.addNode(n);
    return out;
  }

  String node(String opType, String hint, String... inputs) {
    return node(opType, hint, List.of(inputs));
  }

  /** Renames the last node's output (for the graph output). */
  void renameLastOutput(String from, String to) {
    int last = graph.getNodeCount() - 1;
    NodeProto n = graph.getNode(last);
    if (!n.getOutput(0).equals(from)) {
      throw new IllegalStateException("last node output is " + n.getOutput(0) + ", not " + from);
    }
    graph.setNode(last, n.toBuilder().setOutput(0, to));
  }

  static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  static AttributeProto intAttr(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  static AttributeProto floatAttr(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
        .build();
  }

  static List<String> list(String... names) {
    return new ArrayList<>(List.of(names));
  }
}
