package org.tinyode.datasets.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.datasets.OrderedDecoder;
import org.tinyode.datasets.Stl10BinaryDataset;
import org.tinyode.datasets.Stl10Checksums;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dataset inspect}: decodes every image (in parallel) and reports format, split, count, classes,
 * per-class counts, image size and a content hash. {@code sha256} = SHA-256 over, in index order, each image's
 * RGB HWC bytes followed by one byte holding its class id (0xFF when unlabeled).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print format, split, count, classes, per-class counts, image size and content SHA-256.")
final class InspectCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--path", required = true, description = "Dataset folder, archive or binary folder.")
  Path path;

  @Option(names = "--format", description = "stl10, cifar10 or folder (default: auto-detect).")
  String format;

  @Option(names = "--split", description = "Split (default: test for binary formats, the only one for folders).")
  String split;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--verify", description = "Check MD5 of official STL-10 files; a mismatch fails with exit 1.")
  boolean verify;

  @Override
  public Integer call() throws Exception {
    return CommandSupport.run(spec, this::inspect);
  }

  private int inspect() throws Exception {
    try (ImageDataset ds = Datasets.open(path, format, split)) {
      List<String> classes = ds.classNames();
      Map<String, Integer> perClass = new LinkedHashMap<>();
      classes.forEach(c -> perClass.put(c, 0));
      int unlabeled = 0;
      for (int i = 0; i < ds.size(); i++) {
        int l = ds.label(i);
        if (l < 0) {
          unlabeled++;
        } else {
          perClass.merge(classes.get(l), 1, Integer::sum);
        }
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      OrderedDecoder.forEach(ds, CommandSupport.threads(), e -> {
        sha.update(e.rgb());
        sha.update((byte) e.label());
      });
      String sha256 = HexFormat.of().formatHex(sha.digest());
      List<Stl10Checksums.Result> results =
          verify && ds instanceof Stl10BinaryDataset stl ? Stl10Checksums.verify(stl.directory()) : null;
      Map<String, String> md5 = verify ? checksums(ds, results) : null;

      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", ds.name());
        o.put("format", ds.format());
        o.put("split", ds.split());
        o.put("count", ds.size());
        o.put("classes", classes);
        o.put("perClass", perClass);
        if (unlabeled > 0) {
          o.put("unlabeled", unlabeled);
        }
        o.put("width", ds.width());
        o.put("height", ds.height());
        o.put("sha256", sha256);
        if (md5 != null) {
          o.put("md5", md5);
        }
        out.println(new ObjectMapper().writeValueAsString(o));
      } else {
        out.printf("name:    %s%nformat:  %s%nsplit:   %s%ncount:   %d%nsize:    %dx%d%n", ds.name(), ds.format(),
            ds.split(), ds.size(), ds.width(), ds.height());
        out.printf("classes: %d%n", classes.size());
        perClass.forEach((c, n) -> out.printf("  %-12s %d%n", c, n));
        if (unlabeled > 0) {
          out.printf("  %-12s %d%n", "(unlabeled)", unlabeled);
        }
        out.printf("sha256:  %s%n", sha256);
        if (md5 != null) {
          md5.forEach((f, s) -> out.printf("md5 %-18s %s%n", f, s));
        }
      }
      out.flush();
      if (results != null) {
        Stl10Checksums.requireOk(results);
      }
      return 0;
    }
  }

  /** File → "ok" / "mismatch" / "absent", or a single note for formats without official checksums. */
  private static Map<String, String> checksums(ImageDataset ds, List<Stl10Checksums.Result> results) {
    Map<String, String> m = new LinkedHashMap<>();
    if (results != null) {
      for (Stl10Checksums.Result r : results) {
        m.put(Path.of(r.file()).getFileName().toString(), r.status());
      }
    } else {
      m.put("status", "no official checksums for format " + ds.format());
    }
    return m;
  }
}
