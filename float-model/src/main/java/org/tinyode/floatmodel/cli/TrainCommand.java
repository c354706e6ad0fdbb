package org.tinyode.floatmodel.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tinyode.datasets.DatasetException;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.datasets.Datasets;
import org.tinyode.floatmodel.train.EvalCommandSupport;
import org.tinyode.floatmodel.train.LabeledImages;
import org.tinyode.floatmodel.train.Optimizer;
import org.tinyode.floatmodel.train.RandomInit;
import org.tinyode.floatmodel.train.TrainingConfig;
import org.tinyode.floatmodel.train.TrainingSession;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.SpecException;
import org.tinyode.model.weights.Provenance;
import org.tinyode.model.weights.WeightsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train}: float training (one-cycle SGD, checkpoint per epoch, resumable), calibration + QAT, export of
 * the float and quantized weights files; or {@code --eval-only}: top-1 accuracy of a weights file on a labelled
 * split (a quantized file is evaluated with the exact integer arithmetic).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the TinyODE float model (DJL), then QAT, and write <out> + its .quant sibling; "
        + "or --eval-only --model F: measure top-1 accuracy.")
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--preset", description = "built-in model spec: paper-stl10 or cifar10-ode (default ${DEFAULT-VALUE})",
      defaultValue = "cifar10-ode")
  String preset;

  @Option(names = "--spec", description = "model spec JSON file (overrides --preset)")
  Path specFile;

  @Option(names = "--data", description = "dataset path (folder, .tar.gz, stl10/cifar10 binary); with "
      + "--random-init: optional calibration images")
  Path data;

  @Option(names = "--format", description = "dataset format: folder, stl10, cifar10 (default: auto)")
  String format;

  @Option(names = "--split", description = "split to read (default: train; test with --eval-only)")
  String split;

  @Option(names = "--epochs", defaultValue = "28",
      description = "float epochs (default ${DEFAULT-VALUE}, the shipped model's recipe)")
  int epochs;

  @Option(names = "--out", description = "float weights file to write; the quantized file is its .quant sibling")
  Path out;

  @Option(names = "--batch-size", defaultValue = "128", description = "images per SGD step (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--lr", defaultValue = "0.15", description = "peak learning rate (default ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd (Nesterov, momentum 0.9) or adamw")
  String optimizer;

  @Option(names = "--weight-decay", defaultValue = "5e-4",
      description = "on conv/fc weights and relative embeddings, not on BN or biases (default ${DEFAULT-VALUE})")
  double weightDecay;

  @Option(names = "--label-smoothing", defaultValue = "0.1", description = "0 = off (default ${DEFAULT-VALUE})")
  double labelSmoothing;

  @Option(names = "--warmup", defaultValue = "0.15", description = "share of steps spent warming up (default ${DEFAULT-VALUE})")
  double warmup;

  @Option(names = "--val-fraction", defaultValue = "0.1", description = "validation share carved out of the split")
  double valFraction;

  @Option(names = "--seed", defaultValue = "20240105",
      description = "initialisation, validation split, shuffling, augmentation (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--limit", defaultValue = "0",
      description = "use only N images, evenly spaced over the split so every class folder is sampled (0 = all)")
  int limit;

  @Option(names = "--resume", description = "continue from the run directory's checkpoint")
  boolean resume;

  @Option(names = "--qat-epochs", defaultValue = "0.4", description = "QAT epochs, may be fractional (default ${DEFAULT-VALUE})")
  double qatEpochs;

  @Option(names = "--qat-lr", defaultValue = "0.002", description = "QAT peak learning rate, cosine to 0 (default ${DEFAULT-VALUE})")
  double qatLr;

  @Option(names = "--calibration-batches", defaultValue = "20",
      description = "training batches whose running max sets the activation formats before QAT (default ${DEFAULT-VALUE})")
  int calibrationBatches;

  @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads and image decoders (default ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--run-dir", description = "checkpoint + metrics.csv folder (default .cache/train-run/<out name>)")
  Path runDir;

  @Option(names = "--eval-only", description = "only measure accuracy of --model on --data/--split")
  boolean evalOnly;

  @Option(names = "--model", description = "weights file to evaluate (--eval-only)")
  Path model;

  @Option(names = "--record-accuracy", paramLabel = "NAME",
      description = "with --eval-only: also store the measured top-1 in the model file's provenance as NAME")
  String recordAccuracy;

  @Option(names = "--compare-golden",
      description = "with --eval-only on a quantized file: also run the model module's golden model and report "
          + "its top-1 and the agreement")
  boolean compareGolden;

  @Option(names = "--random-init", description = "write a seeded untrained model (timing only) instead of training")
  boolean randomInit;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec commandSpec;

  private final PrintStream err;
  private final PrintStream stdout;

  public TrainCommand() {
    this(System.out, System.err);
  }

  public TrainCommand(PrintStream out, PrintStream err) {
    this.stdout = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    }
    try {
      if (evalOnly) {
        if (model == null || data == null) {
          err.println("train: --eval-only needs --model and --data");
          return 2;
        }
        return EvalCommandSupport.run(model, data, format, split == null ? "test" : split, limit, threads,
            recordAccuracy, compareGolden, stdout, err);
      }
      if (out == null) {
        err.println("train: --out is required (or use --eval-only)");
        return 2;
      }
      if (randomInit) {
        ModelSpec spec = specFile != null ? ModelSpec.load(specFile) : ModelSpec.preset(preset);
        RandomInit.write(spec, seed, out, quantizedSibling(out), data, split, commandLine(), gitCommit(), err);
        return 0;
      }
      if (data == null) {
        err.println("train: --data is required");
        return 2;
      }
      return train();
    } catch (DatasetException | WeightsException | SpecException | IllegalArgumentException e) {
      err.println("train: " + e.getMessage());
      return 1;
    }
  }

  private int train() throws Exception {
    ModelSpec spec = specFile != null ? ModelSpec.load(specFile) : ModelSpec.preset(preset);
    Optimizer.Kind opt = switch (optimizer.toLowerCase(Locale.ROOT)) {
      case "sgd" -> Optimizer.Kind.SGD;
      case "adamw" -> Optimizer.Kind.ADAMW;
      default -> throw new IllegalArgumentException("--optimizer must be sgd or adamw, got " + optimizer);
    };
    TrainingConfig cfg = new TrainingConfig(epochs, batchSize, lr, opt, weightDecay, labelSmoothing, warmup, seed,
        qatEpochs, qatLr, calibrationBatches);
    String name = out.getFileName().toString().replace(".safetensors", "");
    Path dir = runDir != null ? runDir : Path.of(".cache", "train-run", name);
    Path quantOut = quantizedSibling(out);
    String splitName = split == null ? "train" : split;
    LabeledImages[] sets;
    String sha;
    try (ImageDataset ds = Datasets.open(data, format, splitName)) {
      if (!ds.classNames().equals(spec.classNames())) {
        throw new IllegalArgumentException(data + ": classes " + ds.classNames() + " differ from the model's "
            + spec.classNames());
      }
      int[] chosen = LabeledImages.spread(ds.size(), limit);
      int[][] split = LabeledImages.split(chosen.length, valFraction, seed);
      err.printf("decoding %d images from %s (%d threads)...%n", chosen.length, data, threads);
      long t0 = System.nanoTime();
      LabeledImages train = LabeledImages.load(ds, LabeledImages.pick(chosen, split[0]), spec.input().width(),
          spec.input().height(), threads, null);
      LabeledImages val = LabeledImages.load(ds, LabeledImages.pick(chosen, split[1]), spec.input().width(),
          spec.input().height(), threads, null);
      err.printf("decoded %d train + %d validation images in %.1f s%n", train.size(), val.size(),
          (System.nanoTime() - t0) / 1e9);
      sets = new LabeledImages[] {train, val};
      sha = Files.isRegularFile(data) ? sha256(data) : null;
    }
    Provenance.DatasetRef ref = new Provenance.DatasetRef(data.getFileName().toString(), splitName
        + (limit > 0 ? " (" + limit + " evenly spaced)" : "") + ", " + sets[0].size() + " train / " + sets[1].size()
        + " validation", sha);
    TrainingSession.Outputs outputs = new TrainingSession.Outputs(out, quantOut, dir.resolve("checkpoint.safetensors"),
        dir.resolve("metrics.csv"), ref, commandLine(), gitCommit());
    err.printf("config %s%nrun dir %s%n", cfg, dir);
    new TrainingSession(spec, cfg, outputs, err).run(sets[0], sets[1], resume);
    return 0;
  }

  /** {@code x.float.safetensors -> x.quant.safetensors}, else {@code x.safetensors -> x.quant.safetensors}. */
  public static Path quantizedSibling(Path floatFile) {
    String n = floatFile.getFileName().toString();
    String q;
    if (n.endsWith(".float.safetensors")) {
      q = n.substring(0, n.length() - ".float.safetensors".length()) + ".quant.safetensors";
    } else if (n.endsWith(".safetensors")) {
      q = n.substring(0, n.length() - ".safetensors".length()) + ".quant.safetensors";
    } else {
      q = n + ".quant.safetensors";
    }
    return floatFile.resolveSibling(q);
  }

  static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = in.read(buf)) > 0) {
        md.update(buf, 0, r);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private String commandLine() {
    return "train " + String.join(" ", commandSpec.commandLine().getParseResult().originalArgs());
  }

  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 && s.matches("[0-9a-f]{40}") ? s : "unknown";
    } catch (Exception e) {
      return "unknown";
    }
  }
}
