package org.tinyode.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * Confusion-matrix heatmap of one backend (JFreeChart XYBlockRenderer): x = predicted class, y = true class (top to
 * bottom), colour = share of the true class's examples (row-normalised), each cell labelled with its count.
 */
final class ConfusionChart {
  private ConfusionChart() {}

  static JFreeChart of(RunFolder run, String backend) {
    List<Map<String, Object>> cells = run.confusion().where("backend", backend).rows();
    int n = (int) Math.round(Math.sqrt(cells.size()));
    String[] names = new String[n];
    long[] support = new long[n];
    for (Map<String, Object> c : cells) {
      int t = (int) Table.lng(c, "true_class");
      names[t] = Table.str(c, "true_name");
      support[t] += Table.lng(c, "count");
    }
    double[][] xyz = new double[3][cells.size()];
    XYPlot plot = new XYPlot();
    for (int i = 0; i < cells.size(); i++) {
      Map<String, Object> c = cells.get(i);
      int t = (int) Table.lng(c, "true_class");
      int p = (int) Table.lng(c, "predicted_class");
      long count = Table.lng(c, "count");
      double share = support[t] == 0 ? 0 : (double) count / support[t];
      xyz[0][i] = p;
      xyz[1][i] = t;
      xyz[2][i] = share;
      if (count > 0) {
        XYTextAnnotation a = new XYTextAnnotation(Long.toString(count), p, t);
        a.setFont(new Font("DejaVu Sans", Font.PLAIN, 10));
        a.setPaint(share > 0.5 ? Color.WHITE : Color.BLACK);
        plot.addAnnotation(a);
      }
    }
    DefaultXYZDataset d = new DefaultXYZDataset();
    d.addSeries(backend, xyz);
    plot.setDataset(d);
    SymbolAxis x = new SymbolAxis("predicted class", names);
    SymbolAxis y = new SymbolAxis("true class", names);
    y.setInverted(true);
    x.setVerticalTickLabels(true);
    for (SymbolAxis a : List.of(x, y)) {
      a.setGridBandsVisible(false);
      a.setLabelFont(Charts.FONT);
      a.setTickLabelFont(new Font("DejaVu Sans", Font.PLAIN, 10));
    }
    plot.setDomainAxis(x);
    plot.setRangeAxis(y);
    XYBlockRenderer r = new XYBlockRenderer();
    r.setPaintScale(new BlueScale());
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlineVisible(false);
    JFreeChart chart = new JFreeChart(backend, new Font("DejaVu Sans", Font.BOLD, 13), plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** White (0) to dark blue (1). */
  private static final class BlueScale implements PaintScale, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return 1;
    }

    @Override
    public Paint getPaint(double v) {
      double t = Math.max(0, Math.min(1, v));
      return new Color((int) (255 - t * (255 - 0x08)), (int) (255 - t * (255 - 0x30)), (int) (255 - t * (255 - 0x6b)));
    }
  }
}
