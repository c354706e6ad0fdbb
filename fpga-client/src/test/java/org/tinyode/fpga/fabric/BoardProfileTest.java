package org.tinyode.fpga.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardProfileTest {
  @TempDir Path dir;

  @Test
  void builtInZcu104() {
    BoardProfile p = BoardProfile.load("zcu104");
    assertEquals(150e6, p.plClockHz());
    assertEquals(144, p.engines().get("conv").macUnits());
    assertEquals(435e6, p.ps().macsPerSecond("conv+bn+relu+pool"));
    assertEquals(p.ps().macsPerSecond(), p.ps().macsPerSecond("odeblock"), "kinds without an entry: the default");
    assertEquals("modeled:zcu104", p.modeledLabel());
  }

  @Test
  void fileProfileErrorsNameTheField() throws Exception {
    String good = new String(BoardProfile.class.getResourceAsStream("/org/tinyode/fpga/profiles/zcu104.json")
        .readAllBytes(), StandardCharsets.UTF_8);
    Path bad = Files.writeString(dir.resolve("bad.json"), good.replace("\"engine\": \"attention\"",
        "\"engine\": \"gpu\""));
    ProfileException e = assertThrows(ProfileException.class, () -> BoardProfile.load(bad.toString()));
    assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("unknown engine gpu"),
        e.getMessage());
    Path unknown = Files.writeString(dir.resolve("extra.json"), good.replace("\"plClockHz\"", "\"extra\": 1, \"plClockHz\""));
    assertThrows(ProfileException.class, () -> BoardProfile.load(unknown.toString()));
    assertThrows(ProfileException.class, () -> BoardProfile.load("no-such-board"));
    Path zeroRate = Files.writeString(dir.resolve("rate.json"), good.replace("\"conv+bn+relu+pool\": 435000000",
        "\"conv+bn+relu+pool\": 0"));
    ProfileException r = assertThrows(ProfileException.class, () -> BoardProfile.load(zeroRate.toString()));
    assertTrue(r.getMessage().contains("ps.macsPerSecondByKind.conv+bn+relu+pool"), r.getMessage());
  }
}
