package dev.meridian.cli.out;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns (two spaces apart, the last column unpadded). */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  public Table row(Object... cells) {
    List<String> r = new ArrayList<>(headers.size());
    for (int i = 0; i < headers.size(); i++) {
      Object c = i < cells.length ? cells[i] : null;
      r.add(c == null ? "-" : String.valueOf(c));
    }
    rows.add(r);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public String render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> r : rows) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    appendRow(sb, headers, widths);
    for (List<String> r : rows) {
      appendRow(sb, r, widths);
    }
    return sb.toString();
  }

  private static void appendRow(StringBuilder sb, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      line.append(c);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - c.length() + 2));
      }
    }
    sb.append(line.toString().stripTrailing()).append('\n');
  }
}
