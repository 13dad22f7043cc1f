package org.jfoundry.adapters.cli.model;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.model.CatalogModel;

/**
 * One {@code --filter key=value} of {@code model list}: keys {@code device}, {@code provider}, {@code task},
 * {@code alias}, {@code id}; values match without regard to case, {@code *} matches anything, a leading {@code !}
 * negates.
 */
record CatalogFilter(String key, Pattern pattern, boolean negated, Function<CatalogModel, List<String>> field)
        implements Predicate<CatalogModel> {

    static final List<String> KEYS = List.of("device", "provider", "task", "alias", "id");

    static CatalogFilter parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new InvalidRequestException("a filter is key=value, such as device=CPU; got '" + text + "'", "filter");
        }
        String key = text.substring(0, equals).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(equals + 1).trim();
        boolean negated = value.startsWith("!");
        if (negated) {
            value = value.substring(1);
        }
        Function<CatalogModel, List<String>> field = switch (key) {
            case "device" -> m -> List.of(m.runtime().deviceType().name());
            case "provider", "ep" -> m -> List.of(m.runtime().executionProvider().ortName(),
                    m.runtime().executionProvider().shortName());
            case "task" -> m -> m.task() == null ? List.of() : List.of(m.task());
            case "alias" -> m -> m.alias() == null ? List.of() : List.of(m.alias());
            case "id", "model" -> m -> List.of(m.id().toString(), m.id().name());
            default -> throw new InvalidRequestException("unknown filter key '" + key + "'; use one of " + KEYS, "filter");
        };
        return new CatalogFilter(key, glob(value), negated, field);
    }

    @Override
    public boolean test(CatalogModel model) {
        boolean matches = field.apply(model).stream().anyMatch(v -> pattern.matcher(v).matches());
        return matches != negated;
    }

    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        for (String part : value.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
