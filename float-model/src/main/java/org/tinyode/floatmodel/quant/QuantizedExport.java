package org.tinyode.floatmodel.quant;

import java.util.Map;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;
import org.tinyode.floatmodel.weights.StateDictIo;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.weights.Provenance;
import org.tinyode.model.weights.WeightsFile;

/**
 * The quantized weights file of a network with frozen activation formats, made by the model module's
 * {@link Quantizer} (one implementation of folding, weight formats and rounding; the QAT forward pass folds and
 * rounds the same way in float64, so the exported integers are the ones QAT trained with).
 */
public final class QuantizedExport {

  private QuantizedExport() {}

  /**
   * @param fracSource how the activation formats were obtained (recorded in the provenance note)
   */
  public static WeightsFile export(TinyOdeNetwork net, Provenance prov, String fracSource) {
    WeightsFile floats = StateDictIo.toWeightsFile(net, prov);
    Map<String, Integer> fracs = net.quant().fracs();
    WeightsFile q = Quantizer.quantize(floats, fracs, fracSource);
    return new WeightsFile(q.kind(), q.spec(), withNote(prov, q.provenance().note()), q.tensors());
  }

  private static Provenance withNote(Provenance p, String note) {
    return new Provenance(p.dataset(), p.seed(), p.epochs(), p.metrics(), p.gitCommit(), p.created(),
        p.commandLine(), p.toolVersions(), note);
  }
}
