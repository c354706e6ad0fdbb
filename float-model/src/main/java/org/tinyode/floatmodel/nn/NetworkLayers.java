package org.tinyode.floatmodel.nn;

import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.Map;

/** Finds the {@link ConvBnBlock}s of a network by layer (conv tensor prefix) name. */
public final class NetworkLayers {

  private NetworkLayers() {}

  public static Map<String, ConvBnBlock> convs(Block root) {
    Map<String, ConvBnBlock> m = new LinkedHashMap<>();
    collect(root, m);
    return m;
  }

  private static void collect(Block b, Map<String, ConvBnBlock> m) {
    if (b instanceof ConvBnBlock c) {
      m.put(c.layerName(), c);
      return;
    }
    for (Block child : b.getChildren().values()) {
      collect(child, m);
    }
  }
}
