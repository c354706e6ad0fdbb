package org.tinyode.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RectangularShape;
import java.io.Serializable;
import java.util.function.BiPredicate;
import org.jfree.chart.renderer.category.BarPainter;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Flat bars, with diagonal white hatching over the bars whose value is modeled (not measured): the report's
 * visual mark of provenance. {@code modeled.test(row, column)} decides per dataset cell.
 */
final class HatchedBarPainter implements BarPainter, Serializable {
  private static final long serialVersionUID = 1L;
  private static final double SPACING = 6;

  private final StandardBarPainter flat = new StandardBarPainter();
  private final transient BiPredicate<Integer, Integer> modeled;

  HatchedBarPainter(BiPredicate<Integer, Integer> modeled) {
    this.modeled = modeled;
  }

  @Override
  public void paintBar(Graphics2D g2, BarRenderer renderer, int row, int column, RectangularShape bar,
      RectangleEdge base) {
    flat.paintBar(g2, renderer, row, column, bar, base);
    if (!modeled.test(row, column)) {
      return;
    }
    Rectangle2D r = bar.getBounds2D();
    Shape oldClip = g2.getClip();
    g2.clip(r);
    g2.setPaint(new Color(255, 255, 255, 200));
    g2.setStroke(new BasicStroke(1.5f));
    Path2D.Double hatch = new Path2D.Double(); // one path, not a line element per stroke: keeps the SVG small
    for (double d = -r.getHeight(); d < r.getWidth(); d += SPACING) {
      hatch.moveTo(r.getMinX() + d, r.getMaxY());
      hatch.lineTo(r.getMinX() + d + r.getHeight(), r.getMinY());
    }
    g2.draw(hatch);
    g2.setClip(oldClip);
  }

  @Override
  public void paintBarShadow(Graphics2D g2, BarRenderer renderer, int row, int column, RectangularShape bar,
      RectangleEdge base, boolean pegShadow) {
    // no shadows
  }
}
