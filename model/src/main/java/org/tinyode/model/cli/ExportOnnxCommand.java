package org.tinyode.model.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyode.model.onnx.OnnxExporter;
import org.tinyode.model.onnx.ReferenceFixture;
import org.tinyode.model.weights.WeightsFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code model export-onnx}: the float model as a standard ONNX graph (docs/onnx.md). */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
    description = "Write a float weights file as an ONNX graph (opset 17; BN folded, Euler steps unrolled with "
        + "shared weights; input: normalised NCHW float32, output: logits).")
final class ExportOnnxCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cs;

  @Option(names = "--model", required = true, description = "Float weights file (.safetensors).")
  Path model;

  @Option(names = "--out", required = true, description = "ONNX file to write.")
  Path out;

  @Option(names = "--fixture-data", description = "Also write a check fixture (inputs + pure-Java reference "
      + "logits) from images spread evenly over this dataset (e.g. samples/cifar10).")
  Path fixtureData;

  @Option(names = "--fixture-split", defaultValue = "test", description = "Split of --fixture-data (default: ${DEFAULT-VALUE}).")
  String fixtureSplit;

  @Option(names = "--fixture-count", defaultValue = "8", description = "Images in the fixture (default: ${DEFAULT-VALUE}).")
  int fixtureCount;

  @Option(names = "--fixture-out", description = "Folder for the fixture (default: <out>.fixture).")
  Path fixtureOut;

  @Override
  public Integer call() throws Exception {
    return CommandSupport.run(cs, () -> {
      WeightsFile w = WeightsFile.load(model, null);
      OnnxExporter.write(w, model.getFileName().toString(), out);
      PrintWriter o = cs.commandLine().getOut();
      o.printf("wrote %s (%d bytes): ONNX opset %d, spec \"%s\", from %s%n", out, Files.size(out),
          OnnxExporter.OPSET, w.spec().name(), model);
      if (fixtureData != null) {
        Path dir = fixtureOut != null ? fixtureOut : Path.of(out + ".fixture");
        int n = ReferenceFixture.write(w, fixtureData, fixtureSplit, fixtureCount, dir);
        o.printf("fixture: %d images of %s/%s in %s%n", n, fixtureData, fixtureSplit, dir);
      }
      o.flush();
      return 0;
    });
  }
}
