package org.tinyode.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new ModelCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void infoPrintsCostsAndBudget() {
    Run r = run("info", "--preset", "paper-stl10");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("total params 1,019,722"), r.out());
    assertTrue(r.out().contains("ode1     odeblock           fpga        73,984"), r.out());
    assertTrue(r.out().contains("FITS"), r.out());
    Run j = run("info", "--preset", "cifar10-ode", "--json");
    assertEquals(0, j.code());
    assertTrue(j.out().contains("\"fits\" : true"), j.out());
    assertTrue(j.out().contains("\"how\" : \"modeled:"), j.out());
  }

  @Test
  void randomThenCheckThenTamper(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("q.safetensors");
    assertEquals(0, run("random", "--preset", "cifar10-ode", "--quantized", "--out", f.toString()).code());
    Run ok = run("check", "--model", f.toString(), "--preset", "cifar10-ode");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().startsWith("ok: "), ok.out());
    Run info = run("info", "--model", f.toString());
    assertEquals(0, info.code(), info.err());
    byte[] b = Files.readAllBytes(f);
    b[b.length - 1] ^= 1;
    Files.write(f, b);
    Run bad = run("check", "--model", f.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().startsWith("error: ") && bad.err().contains("SHA-256 mismatch"), bad.err());
  }

  @Test
  void badInputAndUsage(@TempDir Path dir) {
    assertEquals(1, run("info", "--preset", "nope").code());
    assertEquals(1, run("check", "--model", dir.resolve("missing.safetensors").toString()).code());
    assertEquals(2, run("info").code());
    assertEquals(2, run().code());
  }
}
