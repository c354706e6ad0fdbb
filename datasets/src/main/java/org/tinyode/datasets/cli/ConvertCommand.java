package org.tinyode.datasets.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.datasets.Stl10BinaryWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dataset convert}: writes any dataset of 96x96 images in the STL-10 binary layout. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert a dataset to the STL-10 binary layout (<split>_X.bin, <split>_y.bin, class_names.txt).")
final class ConvertCommand implements Callable<Integer> {

  /** Output layouts. */
  enum Layout { stl10 }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--from", required = true, description = "Source dataset path.")
  Path from;

  @Option(names = "--format", description = "Source format: stl10, cifar10 or folder (default: auto-detect).")
  String format;

  @Option(names = "--split", description = "Source split; also the output file prefix.")
  String split;

  @Option(names = "--to", required = true, description = "Output folder.")
  Path to;

  @Option(names = "--as", required = true, description = "Output layout: ${COMPLETION-CANDIDATES}.")
  Layout as;

  @Override
  public Integer call() throws Exception {
    return CommandSupport.run(spec, () -> {
      try (ImageDataset ds = Datasets.open(from, format, split)) {
        int n = Stl10BinaryWriter.write(ds, to, ds.split(), CommandSupport.threads());
        spec.commandLine().getOut().printf("wrote %d images (split %s, %s layout) to %s%n", n, ds.split(), as, to);
        spec.commandLine().getOut().flush();
        return 0;
      }
    });
  }
}
