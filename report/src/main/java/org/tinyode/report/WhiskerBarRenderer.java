package org.tinyode.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.CategoryDataset;

/**
 * Stacked bars (vertical) with a whisker on each segment: from {@code base + low} to {@code base + high} in data
 * units, where {@code base} is the segment's stacked start. Latency bars use low = p50, high = p99 of the stage
 * (the whisker starts at the segment's top); the accuracy bar uses low/high = the 95 % CI.
 */
final class WhiskerBarRenderer extends StackedBarRenderer {
  private static final long serialVersionUID = 1L;

  /** Whisker ends, relative to the segment's stacked base; null = no whisker for that cell. */
  interface Whiskers {
    double[] of(int row, int column);
  }

  private final transient Whiskers whiskers;

  WhiskerBarRenderer(Whiskers whiskers) {
    this.whiskers = whiskers;
    setShadowVisible(false);
    setDrawBarOutline(false);
  }

  @Override
  public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
      CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
    super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
    if (pass != getPassCount() - 1 || plot.getOrientation() != PlotOrientation.VERTICAL) {
      return;
    }
    double[] w = whiskers.of(row, column);
    if (w == null || !Double.isFinite(w[0]) || !Double.isFinite(w[1])) {
      return;
    }
    double base = 0;
    for (int r = 0; r < row; r++) {
      Number v = dataset.getValue(r, column);
      if (v != null && v.doubleValue() > 0) {
        base += v.doubleValue();
      }
    }
    double x = domainAxis.getCategoryMiddle(column, dataset.getColumnCount(), dataArea, plot.getDomainAxisEdge());
    // Spread the whiskers of a stack across the bar (in stack order) so that they do not hide each other.
    int rows = dataset.getRowCount();
    double offset = rows <= 1 ? 0 : (row - (rows - 1) / 2.0) * state.getBarWidth() / (rows + 1.0);
    double yLow = rangeAxis.valueToJava2D(base + w[0], dataArea, plot.getRangeAxisEdge());
    double yHigh = rangeAxis.valueToJava2D(base + w[1], dataArea, plot.getRangeAxisEdge());
    double cap = rows <= 1 ? Math.max(3, state.getBarWidth() / 8) : Math.max(2, state.getBarWidth() / (3.0 * (rows + 1)));
    g2.setPaint(Color.BLACK);
    g2.setStroke(new BasicStroke(1.2f));
    g2.draw(new Line2D.Double(x + offset, yLow, x + offset, yHigh));
    g2.draw(new Line2D.Double(x + offset - cap, yHigh, x + offset + cap, yHigh));
    if (w[0] != dataset.getValue(row, column).doubleValue()) {
      g2.draw(new Line2D.Double(x + offset - cap, yLow, x + offset + cap, yLow));
    }
  }
}
