package dev.baton.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of text printed as left-aligned columns separated by two spaces; an optional first row of headers. */
public final class Table {
  private static final String GAP = "  ";
  private final List<String[]> rows = new ArrayList<>();

  /** A table whose first row is {@code headers}; with no headers, a plain key/value style listing. */
  public Table(String... headers) {
    if (headers.length > 0) {
      rows.add(headers.clone());
    }
  }

  /** Adds a row; null cells print as "-", line breaks inside a cell print as spaces. */
  public Table row(Object... cells) {
    rows.add(Arrays.stream(cells)
        .map(c -> c == null ? "-" : c.toString().replaceAll("\\s*\\R\\s*", " "))
        .toArray(String[]::new));
    return this;
  }

  public void print(PrintWriter out) {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length())).append(GAP);
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  /** The first line of {@code text}, cut to {@code width} characters with "..." (a cell of a long message). */
  public static String firstLine(String text, int width) {
    String line = text.lines().findFirst().orElse("-");
    return line.length() <= width ? line : line.substring(0, width - 3) + "...";
  }
}
