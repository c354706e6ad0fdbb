package org.tinyode.report;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.util.DoubleConverter;

/** Draws a JFreeChart on JFreeSVG's Graphics2D: an {@code <svg>} element to inline in the HTML page. */
final class Svg {
  private Svg() {}

  /** {@code id} must be unique in the page: it prefixes the SVG's clip-path and pattern ids. */
  static String of(JFreeChart chart, int width, int height, String id) {
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    g2.setDefsKeyPrefix(id + "-");
    // coordinates to 1/100 px: the default writes full doubles (glyph outlines at 16 digits), a third more bytes
    g2.setGeomDoubleConverter(new DoubleConverter(2));
    g2.setTransformDoubleConverter(new DoubleConverter(4));
    chart.draw(g2, new java.awt.Rectangle(0, 0, width, height));
    return g2.getSVGElement(id);
  }
}
