package org.tinyode.pipelines;

import java.nio.file.Path;
import java.util.List;
import org.tinyode.transforms.io.SummarySchema.SummaryRow;

/** What a finished run produced (tests read this; users read the files and the console summary). */
record RunReport(Path output, List<SummaryRow> summary, Aggregates aggregates, Validity validity) {
  SummaryRow summaryOf(String backend) {
    return summary.stream().filter(s -> s.backend().equals(backend)).findFirst().orElseThrow();
  }
}
