package org.jfoundry.adapters.cli.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned text columns, each as wide as its widest cell; the last column is not padded. */
public final class Table {
    private static final int GAP = 2;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row needs " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (String cell : cells) {
            row.add(cell == null ? "" : cell);
        }
        rows.add(row);
        return this;
    }

    /** A horizontal rule as wide as the table, between groups of rows. */
    public Table rule() {
        rows.add(null);
        return this;
    }

    /** @param prefix written before the header line (indentation matching the rows' markers) */
    public void print(PrintWriter out, String headerPrefix, List<String> rowPrefixes) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                if (row != null) {
                    widths[c] = Math.max(widths[c], row.get(c).length());
                }
            }
        }
        int total = headerPrefix.length();
        for (int width : widths) {
            total += width + GAP;
        }
        out.println(headerPrefix + line(headers, widths));
        int dataRow = 0;
        for (List<String> row : rows) {
            if (row == null) {
                out.println("-".repeat(total - GAP));
            } else {
                String prefix = dataRow < rowPrefixes.size() ? rowPrefixes.get(dataRow) : headerPrefix;
                out.println(prefix + line(row, widths));
                dataRow++;
            }
        }
    }

    public void print(PrintWriter out) {
        print(out, "", List.of());
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(widths[c] - cell.length() + GAP));
            }
        }
        return line.toString();
    }
}
