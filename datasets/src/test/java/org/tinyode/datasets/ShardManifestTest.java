package org.tinyode.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShardManifestTest {

  @Test
  void jsonRoundTrip() throws Exception {
    ShardManifest m = new ShardManifest("samples/cifar10", "cifar10", "folder", "test", 1000,
        new ShardManifest.Selection(10, List.of("cat", "dog"), null), "hashed", 3,
        List.of(new ShardManifest.Shard(0, List.of(1, 5)), new ShardManifest.Shard(1, List.of(7))));
    String json = m.toJson();
    assertTrue(json.contains("\"strategy\" : \"hashed\""), json);
    assertTrue(json.contains("\"exampleIndices\""), json);
    assertFalse(json.contains("\"fold\""), "null selection fields are left out: " + json);
    ShardManifest back = ShardManifest.fromJson(json);
    assertEquals(m, back);
    assertEquals(json, back.toJson());
  }
}
