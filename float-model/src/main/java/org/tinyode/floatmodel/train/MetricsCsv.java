package org.tinyode.floatmodel.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Per-epoch metrics, one CSV row per epoch (appended, so a resumed run continues the same file). */
public final class MetricsCsv {

  public static final String HEADER =
      "phase,epoch,train_loss,train_acc,val_loss,val_acc,lr,images_per_s,seconds";

  private final Path file;

  public MetricsCsv(Path file) {
    this.file = file;
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      if (!Files.exists(file)) {
        Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create metrics file " + file, e);
    }
  }

  public void append(String phase, int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc,
      double lr, double imagesPerSecond, double seconds) {
    String row = String.format(Locale.ROOT, "%s,%d,%.5f,%.5f,%.5f,%.5f,%.6f,%.2f,%.1f%n", phase, epoch, trainLoss,
        trainAcc, valLoss, valAcc, lr, imagesPerSecond, seconds);
    try {
      Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  public Path file() {
    return file;
  }
}
