package org.jfoundry.nativeheaders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The subset header's slot comments must agree with the slot table, so the generated bindings do too. */
class SubsetHeaderTest {
    private static final Pattern SLOT = Pattern.compile("/\\* slot (\\d+): \\*/ .*?(\\w+)\\(");

    static Map<Integer, String> table() throws IOException {
        Map<Integer, String> table = new HashMap<>();
        try (InputStream in = SubsetHeaderTest.class.getResourceAsStream("ort-api-slots.tsv")) {
            assertThat(in).isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            for (String line : lines) {
                String[] columns = line.split("\t");
                table.put(Integer.parseInt(columns[0]), columns[1]);
            }
        }
        return table;
    }

    static List<String> disagreements(String header, Map<Integer, String> table) {
        List<String> wrong = new ArrayList<>();
        for (String line : header.lines().toList()) {
            Matcher m = SLOT.matcher(line);
            if (m.find()) {
                int slot = Integer.parseInt(m.group(1));
                if (!m.group(2).equals(table.get(slot))) {
                    wrong.add("slot " + slot + ": header says " + m.group(2) + ", table says " + table.get(slot));
                }
            }
        }
        return wrong;
    }

    @Test
    void theSlotTableHoldsApiVersion23() throws IOException {
        Map<Integer, String> table = table();
        assertThat(table).hasSize(390).containsEntry(9, "Run").containsEntry(216, "SessionOptionsAppendExecutionProvider");
    }

    @Test
    void everySlotInTheSubsetHeaderMatchesTheSlotTable() throws IOException {
        String header = Files.readString(Path.of("src/main/c/ort_api_subset.h"));
        assertThat(header).contains("slot 9: */");
        assertThat(disagreements(header, table())).isEmpty();
    }

    @Test
    void aHeaderEntryAtTheWrongSlotIsReported() throws IOException {
        String wrong = "/* slot 10: */ OrtStatus* Run(OrtSession* session);";
        assertThat(disagreements(wrong, table())).containsExactly("slot 10: header says Run, table says CreateSessionOptions");
    }
}
