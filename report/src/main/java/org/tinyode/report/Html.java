package org.tinyode.report;

import java.util.Locale;

/** HTML text helpers: escaping, number formats and table cells that carry their exact value for tests. */
final class Html {
  private Html() {}

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
  }

  static String fixed(double v, int decimals) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** Up to 4 significant digits, plain or scientific. */
  static String sig(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.3e", v)
        : String.format(Locale.ROOT, "%.4g", v);
  }

  /** A table cell showing {@code text}, tagged {@code data-key} with the table's exact value (for the browser test). */
  static String keyed(String key, Object exact, String text) {
    return "<td data-key=\"" + esc(key) + "\" data-value=\"" + esc(String.valueOf(exact)) + "\">" + esc(text)
        + "</td>";
  }

  static String td(String text) {
    return "<td>" + esc(text) + "</td>";
  }

  /** A provenance cell: modeled values are marked (class {@code modeled}, hatched background). */
  static String provenance(String p) {
    boolean modeled = p.contains("modeled:");
    return "<td class=\"prov" + (modeled ? " modeled" : "") + "\">" + esc(p) + "</td>";
  }

  static String th(String... headers) {
    StringBuilder b = new StringBuilder("<tr>");
    for (String h : headers) {
      b.append("<th>").append(esc(h)).append("</th>");
    }
    return b.append("</tr>").toString();
  }
}
