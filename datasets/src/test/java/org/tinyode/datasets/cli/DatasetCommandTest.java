package org.tinyode.datasets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.datasets.ShardManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class DatasetCommandTest {

  @TempDir Path tmp;

  private static final Path ROOT = Path.of(System.getProperty("tinyode.root", ".."));
  private static final Path STL_SAMPLES = ROOT.resolve("samples/stl10");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new DatasetCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args);
  }

  @Test
  void inspectJsonHasKeysAndIndependentlyComputedSha256() throws Exception {
    assertEquals(0, run("inspect", "--path", STL_SAMPLES.toString(), "--split", "test", "--json"), err.toString());
    String text = out.toString().trim();
    assertEquals(1, text.lines().count(), "one JSON object on one line");
    JsonNode j = new ObjectMapper().readTree(text);
    for (String k : List.of("format", "split", "count", "classes", "perClass", "width", "height", "sha256")) {
      assertTrue(j.has(k), "missing key " + k + " in " + text);
    }
    assertEquals("folder", j.get("format").asText());
    assertEquals(10, j.get("count").asInt());
    assertEquals(96, j.get("width").asInt());
    assertEquals("airplane", j.get("perClass").fieldNames().next());
    assertEquals(1, j.get("perClass").get("truck").asInt());
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (ImageDataset ds = Datasets.open(STL_SAMPLES, null, "test")) {
      for (int i = 0; i < ds.size(); i++) {
        sha.update(ds.get(i).rgb());
        sha.update((byte) ds.label(i));
      }
    }
    assertEquals(HexFormat.of().formatHex(sha.digest()), j.get("sha256").asText());
  }

  @Test
  void inspectText() {
    assertEquals(0, run("inspect", "--path", STL_SAMPLES.toString(), "--split", "test"), err.toString());
    assertTrue(out.toString().contains("count:   10"), out.toString());
    assertTrue(out.toString().contains("size:    96x96"), out.toString());
  }

  @Test
  void badInputIsOneErrorLineAndExitOne() {
    assertEquals(1, run("inspect", "--path", tmp.resolve("missing").toString()));
    assertTrue(err.toString().startsWith("error: ") && err.toString().contains("missing: no such file"),
        err.toString());
    assertEquals(1, err.toString().trim().lines().count(), err.toString());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run("inspect"));
    assertEquals(2, run("nosuchcommand"));
    assertEquals(2, run());
    assertEquals(2, run("shards", "--path", STL_SAMPLES.toString(), "--shards", "2", "--strategy", "random"));
    assertEquals(2, run("convert", "--from", "a", "--to", "b", "--as", "png"));
  }

  @Test
  void convertToStl10ThenInspectWithVerify() throws Exception {
    Path to = tmp.resolve("stl");
    assertEquals(0, run("convert", "--from", STL_SAMPLES.toString(), "--split", "test", "--to", to.toString(),
        "--as", "stl10"), err.toString());
    assertEquals(10L * 27648, Files.size(to.resolve("test_X.bin")));
    out.getBuffer().setLength(0);
    assertEquals(0, run("inspect", "--path", STL_SAMPLES.toString(), "--split", "test", "--json"));
    String folderSha = new ObjectMapper().readTree(out.toString()).get("sha256").asText();
    out.getBuffer().setLength(0);
    // Our test_X.bin is not the official file: --verify reports it and fails with exit 1.
    assertEquals(1, run("inspect", "--path", to.toString(), "--json", "--verify"));
    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertEquals("stl10", j.get("format").asText());
    assertEquals(folderSha, j.get("sha256").asText(), "same pixels and labels after conversion");
    assertEquals("ok", j.get("md5").get("class_names.txt").asText());
    assertEquals("mismatch", j.get("md5").get("test_X.bin").asText());
    assertTrue(err.toString().startsWith("error: ") && err.toString().contains("MD5 mismatch"), err.toString());
  }

  @Test
  void shardsJsonManifest() throws Exception {
    String[] args = {"shards", "--path", STL_SAMPLES.toString(), "--split", "test", "--shards", "3",
        "--strategy", "hashed", "--classes", "cat,dog,ship", "--json"};
    assertEquals(0, run(args), err.toString());
    String first = out.toString();
    ShardManifest m = ShardManifest.fromJson(first);
    assertEquals(3, m.selected());
    assertEquals(3, m.shards().size());
    out.getBuffer().setLength(0);
    assertEquals(0, run(args));
    assertEquals(first, out.toString(), "deterministic");
  }

  @Command(name = "top", subcommands = DatasetCommand.class)
  static final class Top implements Runnable {
    public void run() {}
  }

  @Test
  void worksAsSubcommand() {
    CommandLine top = new CommandLine(new Top()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    assertEquals(0, top.execute("dataset", "inspect", "--path", STL_SAMPLES.toString(), "--split", "test"));
    assertTrue(out.toString().contains("count:   10"), out.toString());
    assertEquals(1, top.execute("dataset", "inspect", "--path", tmp.resolve("x").toString()));
    assertTrue(err.toString().startsWith("error: "), err.toString());
  }
}
