package org.tinyode.floatmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.floatmodel.TestSpecs;
import org.tinyode.model.weights.WeightsFile;
import picocli.CommandLine;

/** The {@code train} command end to end on a tiny spec and 200 real images (what CI runs), plus usage errors. */
class TrainCommandTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new CommandLine(new TrainCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
  }

  @Test
  void trainsOneShortEpochWritesBothFilesAndEvaluatesThem() throws Exception {
    Path sample = TestSpecs.cifarSample();
    Assumptions.assumeTrue(sample != null, "no samples/cifar10 and no ../shared/datasets/cifar10: skipped");
    Path spec = dir.resolve("tiny.json");
    Files.writeString(spec, TestSpecs.TINY_JSON);
    Path model = dir.resolve("tiny.float.safetensors");
    // the bundled sample (and the shared test archive) only has the "test" split
    int code = run("--spec", spec.toString(), "--data", sample.toString(), "--split", "test", "--limit", "200",
        "--epochs", "1", "--batch-size", "32", "--qat-epochs", "0.2", "--calibration-batches", "1", "--out",
        model.toString(), "--run-dir", dir.resolve("run").toString());
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    Path quant = dir.resolve("tiny.quant.safetensors");
    assertEquals(WeightsFile.Kind.FLOAT, WeightsFile.load(model, null).kind());
    WeightsFile q = WeightsFile.load(quant, null);
    assertEquals(WeightsFile.Kind.QUANTIZED, q.kind());
    assertTrue(q.provenance().commandLine().startsWith("train --spec"), q.provenance().commandLine());
    assertTrue(Files.readString(dir.resolve("run/metrics.csv")).startsWith("phase,epoch,train_loss"));
    assertTrue(Files.exists(dir.resolve("run/checkpoint.safetensors")));

    String shaBefore = q.sha256();
    int eval = run("--eval-only", "--model", quant.toString(), "--data", sample.toString(), "--split", "test",
        "--limit", "50", "--record-accuracy", "sample_top1");
    assertEquals(0, eval, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("(quantized): top-1 "), out.toString());
    WeightsFile recorded = WeightsFile.load(quant, null);
    assertEquals(shaBefore, recorded.sha256(), "recording a metric leaves the tensors alone");
    assertTrue(recorded.provenance().metrics().get("sample_top1").how().startsWith("measured:train --eval-only"));
  }

  @Test
  void usageErrorsExitTwoAndBadInputExitsOne() {
    assertEquals(2, run("--data", "x"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--out is required"));
    assertEquals(2, run("--eval-only", "--data", "x"));
    assertEquals(2, run("--no-such-option"));
    err.reset();
    assertEquals(1, run("--data", dir.resolve("missing").toString(), "--out", dir.resolve("m.safetensors").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void quantizedSiblingName() {
    assertEquals(Path.of("m/a.quant.safetensors"), TrainCommand.quantizedSibling(Path.of("m/a.float.safetensors")));
    assertEquals(Path.of("b.quant.safetensors"), TrainCommand.quantizedSibling(Path.of("b.safetensors")));
  }
}
