package org.tinyode.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/** The report's bar charts, built with JFreeChart from a {@link RunFolder}'s tables. */
final class Charts {
  private Charts() {}

  /** Tableau-10: one colour per series, the same stage keeps its colour in every chart. */
  static final Color[] PALETTE = {new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759),
      new Color(0x76b7b2), new Color(0x59a14f), new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7),
      new Color(0x9c755f), new Color(0xbab0ac)};
  static final Font FONT = new Font("DejaVu Sans", Font.PLAIN, 12);

  /** Top-1 accuracy per backend (%), whiskers = bootstrap 95 % CI. */
  static JFreeChart accuracy(RunFolder run) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    List<String> backends = run.backends();
    for (String b : backends) {
      d.addValue(100 * Table.num(row(run.summary(), b), "accuracy"), "top-1 accuracy", b);
    }
    JFreeChart c = ChartFactory.createStackedBarChart(null, "backend", "top-1 accuracy (%)", d,
        PlotOrientation.VERTICAL, false, false, false);
    WhiskerBarRenderer r = new WhiskerBarRenderer((row, col) -> {
      Map<String, Object> s = row(run.summary(), backends.get(col));
      return new double[] {100 * Table.num(s, "accuracy_ci95_low"), 100 * Table.num(s, "accuracy_ci95_high")};
    });
    r.setBarPainter(new StandardBarPainter());
    r.setSeriesPaint(0, PALETTE[0]);
    r.setMaximumBarWidth(0.25);
    style(c, r);
    ((NumberAxis) c.getCategoryPlot().getRangeAxis()).setRange(0, 100);
    c.addSubtitle(new TextTitle("whiskers: bootstrap 95 % CI", FONT));
    return c;
  }

  /** Per-class accuracy (%), one bar per backend. */
  static JFreeChart perClass(RunFolder run) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (Map<String, Object> r : run.perClass().rows()) {
      double a = Table.num(r, "accuracy");
      d.addValue(Double.isNaN(a) ? null : 100 * a, Table.str(r, "backend"), Table.str(r, "class_name"));
    }
    JFreeChart c = ChartFactory.createBarChart(null, "class", "accuracy (%)", d, PlotOrientation.VERTICAL, true,
        false, false);
    BarRenderer r = (BarRenderer) c.getCategoryPlot().getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setItemMargin(0.05);
    for (int i = 0; i < d.getRowCount(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    style(c, r);
    ((NumberAxis) c.getCategoryPlot().getRangeAxis()).setRange(0, 100);
    c.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    return c;
  }

  /** Per-stage p50 latency stacked per backend (ms), whisker per stage up to its p99; modeled stages hatched. */
  static JFreeChart latency(RunFolder run) {
    List<String> backends = run.backends();
    List<String> stages = run.stages();
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (String st : stages) {
      for (String b : backends) {
        d.addValue(cell(run.latency(), b, st).map(r -> Table.num(r, "p50_ns") / 1e6).orElse(null), st, b);
      }
    }
    JFreeChart c = ChartFactory.createStackedBarChart(null, "backend", "latency per example (ms)", d,
        PlotOrientation.VERTICAL, true, false, false);
    WhiskerBarRenderer r = new WhiskerBarRenderer((row, col) -> cell(run.latency(), backends.get(col),
        stages.get(row)).map(x -> new double[] {Table.num(x, "p50_ns") / 1e6, Table.num(x, "p99_ns") / 1e6})
        .orElse(null));
    r.setBarPainter(new HatchedBarPainter((row, col) -> modeled(run.latency(), backends.get(col), stages.get(row))));
    r.setMaximumBarWidth(0.3);
    stagePaints(r, stages);
    style(c, r);
    double top = 0;
    for (String b : backends) {
      double base = 0;
      for (String st : stages) {
        Optional<Map<String, Object>> x = cell(run.latency(), b, st);
        if (x.isPresent()) {
          top = Math.max(top, base + Table.num(x.get(), "p99_ns") / 1e6);
          base += Table.num(x.get(), "p50_ns") / 1e6;
        }
      }
    }
    if (top > 0) {
      ((NumberAxis) c.getCategoryPlot().getRangeAxis()).setRange(0, top * 1.05);
    }
    c.addSubtitle(new TextTitle("bars: p50 per stage, stacked in execution order; whiskers: the stage's p99;"
        + " hatched = modeled", FONT));
    return c;
  }

  /** Mean energy per inference per stage (mJ, log scale), one bar per backend; modeled values hatched. */
  static JFreeChart energy(RunFolder run) {
    List<String> backends = run.backends();
    List<String> stages = run.stages();
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (String b : backends) {
      for (String st : stages) {
        d.addValue(cell(run.energy(), b, st).map(r -> Table.num(r, "mean_j") * 1e3).orElse(null), b, st);
      }
    }
    JFreeChart c = ChartFactory.createBarChart(null, "stage", "energy per inference (mJ, log scale)", d,
        PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot p = c.getCategoryPlot();
    LogAxis log = new LogAxis("energy per inference (mJ, log scale)");
    log.setSmallestValue(1e-6);
    p.setRangeAxis(log);
    BarRenderer r = (BarRenderer) p.getRenderer();
    r.setBarPainter(new HatchedBarPainter((row, col) -> modeled(run.energy(), backends.get(row), stages.get(col))));
    r.setShadowVisible(false);
    r.setItemMargin(0.05);
    for (int i = 0; i < backends.size(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    style(c, r);
    c.addSubtitle(new TextTitle("hatched = modeled (energy = profile power × time); solid = measured", FONT));
    return c;
  }

  static Map<String, Object> row(Table t, String backend) {
    return t.rows().stream().filter(r -> backend.equals(Table.str(r, "backend"))).findFirst()
        .orElseThrow(() -> new ReportException(t.name() + " has no row for backend " + backend));
  }

  static Optional<Map<String, Object>> cell(Table t, String backend, String stage) {
    return t.rows().stream().filter(r -> backend.equals(Table.str(r, "backend"))
        && stage.equals(Table.str(r, "stage"))).findFirst();
  }

  static boolean modeled(Table t, String backend, String stage) {
    return cell(t, backend, stage).map(r -> Table.str(r, "provenance").contains("modeled:")).orElse(false);
  }

  private static void stagePaints(BarRenderer r, List<String> stages) {
    for (int i = 0; i < stages.size(); i++) {
      Paint p = PALETTE[i % PALETTE.length];
      r.setSeriesPaint(i, p);
    }
  }

  private static void style(JFreeChart c, BarRenderer r) {
    CategoryPlot p = c.getCategoryPlot();
    p.setRenderer(r);
    p.setBackgroundPaint(Color.WHITE);
    p.setRangeGridlinePaint(new Color(0xdddddd));
    p.setOutlineVisible(false);
    c.setBackgroundPaint(Color.WHITE);
    p.getDomainAxis().setLabelFont(FONT);
    p.getDomainAxis().setTickLabelFont(FONT);
    p.getRangeAxis().setLabelFont(FONT);
    p.getRangeAxis().setTickLabelFont(FONT);
    if (c.getLegend() != null) {
      c.getLegend().setItemFont(FONT);
    }
  }
}
