package org.tinyode.model.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.Provenance;
import org.tinyode.model.weights.SafeTensors;
import org.tinyode.model.weights.WeightsException;
import org.tinyode.model.weights.WeightsFile;

/**
 * A PyTorch {@code state_dict} saved with {@code safetensors.torch.save_file(model.state_dict(), path)} (no TinyODE
 * metadata) into a TinyODE float weights file for a given spec: the tensor names, dtypes (F32) and shapes must be
 * those of docs/weights-format.md ({@code WeightNames.expected}); {@code *.num_batches_tracked} counters (I64
 * scalars) are accepted and kept (they are ignored by every model). Every problem is listed in one message.
 * Provenance: the source file and its SHA-256 in the note.
 */
public final class StateDictImport {
  private StateDictImport() {}

  public static WeightsFile fromStateDict(Path stateDict, ModelSpec spec) {
    SafeTensors.Content c = SafeTensors.read(stateDict);
    List<String> problems = WeightsFile.check(spec, WeightsFile.Kind.FLOAT, c.tensors());
    if (!problems.isEmpty()) {
      throw new WeightsException(stateDict + ": not a state_dict of spec \"" + spec.name() + "\": "
          + String.join("; ", problems));
    }
    String note = "imported from PyTorch state_dict " + stateDict.getFileName() + " (file sha256 "
        + fileSha256(stateDict) + ")";
    Provenance p = new Provenance(null, null, null, null, null,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), null, Provenance.currentToolVersions(), note);
    return WeightsFile.of(WeightsFile.Kind.FLOAT, spec, p, List.copyOf(c.tensors().values()));
  }

  private static String fileSha256(Path f) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(f + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
