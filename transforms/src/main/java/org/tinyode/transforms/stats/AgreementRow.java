package org.tinyode.transforms.stats;

import java.io.Serializable;
import java.util.List;

/**
 * Top-1 agreement of two backends over the examples both answered: {@code bothRight}, {@code onlyA} (A right, B
 * wrong), {@code onlyB}, {@code bothWrong}; McNemar's exact p-value on onlyA vs onlyB; {@code flips} = examples
 * whose top-1 differs (the first 100 ids in id order are listed).
 */
public record AgreementRow(String backendA, String backendB, long examples, long agree, double agreement,
    long bothRight, long onlyA, long onlyB, long bothWrong, double mcnemarP, long flips, List<String> flipIds)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
