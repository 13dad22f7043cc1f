package org.jfoundry.adapters.ort.internal.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The slot numbers the bindings call must be the ones in the slot table kept by native-headers. */
class OrtApiSlotsTest {
    static final String TABLE = "org/jfoundry/nativeheaders/ort-api-slots.tsv";

    static Map<Integer, String> slotTable() throws IOException {
        Map<Integer, String> table = new HashMap<>();
        try (InputStream in = OrtApiSlotsTest.class.getClassLoader().getResourceAsStream(TABLE)) {
            assertThat(in).as("native-headers resource " + TABLE).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] columns = line.split("\t");
                table.put(Integer.parseInt(columns[0].trim()), columns[1].trim());
            }
        }
        return table;
    }

    /** Each bound slot whose name differs from the table's entry at that index. */
    static List<String> disagreements(Map<Integer, String> table, OrtApi.Slot... slots) {
        List<String> wrong = new ArrayList<>();
        for (OrtApi.Slot slot : slots) {
            String expected = table.get(slot.index());
            if (!slot.name().equals(expected)) {
                wrong.add(slot.name() + " is bound at slot " + slot.index() + " where the table has " + expected);
            }
        }
        return wrong;
    }

    @Test
    void everySlotTheBindingsCallMatchesTheSlotTable() throws IOException {
        Map<Integer, String> table = slotTable();
        assertThat(table).hasSize(390);
        assertThat(OrtApi.LAYOUT.elementCount()).isEqualTo(table.size());
        assertThat(disagreements(table, OrtApi.Slot.values())).isEmpty();
    }

    @Test
    void aSlotNumberThatDisagreesWithTheTableIsReported() throws IOException {
        Map<Integer, String> shifted = new HashMap<>(slotTable());
        shifted.put(OrtApi.Slot.Run.index(), "RunAsync");
        assertThat(disagreements(shifted, OrtApi.Slot.values()))
                .containsExactly("Run is bound at slot 9 where the table has RunAsync");
    }

    @Test
    void theBoundApiVersionIsTheTablesVersion() {
        assertThat(OrtApi.VERSION).isEqualTo(23);
        assertThat(onnxruntime_c_api_h.ORT_API_VERSION).isEqualTo(OrtApi.VERSION);
    }
}
