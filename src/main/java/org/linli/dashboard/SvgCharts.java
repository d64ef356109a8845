package org.linli.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small server-rendered SVG charts: no script, no inline CSS (presentation attributes only), so a
 * strict Content-Security-Policy holds, and each chart has a title and a text description for
 * screen readers. Every label is XML-escaped.
 */
final class SvgCharts {

  static final String[] PALETTE = {"#0b5cad", "#d9731a", "#2e8b57", "#8e44ad", "#b03a2e", "#5d6d7e"};

  private SvgCharts() {}

  /** One labelled value. */
  record Bar(String label, double value, String valueText) {}

  /** Horizontal bars, one per label. */
  static String bars(String title, List<Bar> bars, double max) {
    int rowHeight = 28;
    int labelWidth = 160;
    int width = 640;
    int height = Math.max(1, bars.size()) * rowHeight + 10;
    double top = max > 0 ? max : bars.stream().mapToDouble(Bar::value).max().orElse(1);
    StringBuilder svg = open(title, width, height, describe(bars));
    int y = 5;
    for (Bar bar : bars) {
      double w = top <= 0 ? 0 : (width - labelWidth - 80) * bar.value() / top;
      svg.append(text(4, y + 18, bar.label(), "start"))
          .append(String.format(Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
              labelWidth, y + 4, Math.max(0, w), rowHeight - 8, PALETTE[0]))
          .append(text((int) (labelWidth + w + 6), y + 18, bar.valueText(), "start"));
      y += rowHeight;
    }
    if (bars.isEmpty()) {
      svg.append(text(4, 20, "—", "start"));
    }
    return svg.append("</svg>").toString();
  }

  /** Stacked columns: one column per x label, one colour per series (with a legend). */
  static String stackedColumns(String title, List<String> xLabels, Map<String, double[]> series) {
    int width = 680;
    int height = 260;
    int left = 40;
    int bottom = 40;
    int legend = 24;
    double max = 1;
    for (int i = 0; i < xLabels.size(); i++) {
      double sum = 0;
      for (double[] values : series.values()) {
        sum += values[i];
      }
      max = Math.max(max, sum);
    }
    StringBuilder desc = new StringBuilder();
    series.forEach((name, values) -> {
      double total = 0;
      for (double v : values) {
        total += v;
      }
      desc.append(name).append(": ").append((long) total).append("; ");
    });
    StringBuilder svg = open(title, width, height, desc.toString());
    int plotHeight = height - bottom - legend;
    double columnWidth = xLabels.isEmpty() ? 0 : (double) (width - left) / xLabels.size();
    for (int i = 0; i < xLabels.size(); i++) {
      double y = legend + plotHeight;
      int s = 0;
      for (double[] values : series.values()) {
        double h = plotHeight * values[i] / max;
        y -= h;
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
            left + i * columnWidth + 2, y, Math.max(1, columnWidth - 4), h, PALETTE[s % PALETTE.length]));
        s++;
      }
      if (xLabels.size() <= 16 || i % 2 == 0) {
        svg.append(text((int) (left + i * columnWidth + columnWidth / 2), height - bottom + 16, xLabels.get(i), "middle"));
      }
    }
    svg.append(text(4, legend + 12, Long.toString(Math.round(max)), "start"));
    int x = left;
    int s = 0;
    for (String name : series.keySet()) {
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"14\" height=\"14\" fill=\"%s\"/>",
              x, PALETTE[s % PALETTE.length]))
          .append(text(x + 18, 16, name, "start"));
      x += 30 + name.length() * 9;
      s++;
    }
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(String title, int width, int height, String description) {
    return new StringBuilder()
        .append(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\""
                + " width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"13\">",
            width, height, width, height))
        .append("<title>").append(escape(title)).append("</title>")
        .append("<desc>").append(escape(description)).append("</desc>");
  }

  private static String describe(List<Bar> bars) {
    StringBuilder sb = new StringBuilder();
    for (Bar bar : bars) {
      sb.append(bar.label()).append(": ").append(bar.valueText()).append("; ");
    }
    return sb.toString();
  }

  private static String text(int x, int y, String s, String anchor) {
    return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" fill=\"#1a1a1a\">"
        + escape(s) + "</text>";
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
