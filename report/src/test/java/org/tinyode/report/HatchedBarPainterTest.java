package org.tinyode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.svg.SVGGraphics2D;
import org.junit.jupiter.api.Test;

class HatchedBarPainterTest {
  /** SVG of one 30 x 60 bar painted with the modeled flag given. */
  static String bar(boolean modeled) {
    SVGGraphics2D g = new SVGGraphics2D(100, 100);
    new HatchedBarPainter((row, col) -> modeled).paintBar(g, new BarRenderer(), 0, 0,
        new Rectangle2D.Double(10, 20, 30, 60), RectangleEdge.BOTTOM);
    return g.getSVGElement();
  }

  @Test
  void modeledBarsCarryOneWhiteHatchPathMeasuredBarsNone() {
    String modeled = bar(true);
    Matcher m = Pattern.compile("stroke:rgb\\(255,255,255\\)[^>]*><path d='([^']*)'").matcher(modeled);
    assertTrue(m.find(), modeled);
    // strokes start every 6 px from -height to width: (60 + 30) / 6 = 15 diagonal segments in one path
    assertEquals(15, m.group(1).split("M").length - 1, m.group(1));
    assertFalse(m.find(), "a single hatch path");
    assertFalse(modeled.contains("<line"), "no line element per stroke");
    assertFalse(bar(false).contains("rgb(255,255,255)"), "measured bars are flat");
  }
}
