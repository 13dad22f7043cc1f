package org.jfoundry.adapters.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Commands declared through picocli's programmatic API rather than its annotations. Annotations are read through
 * proxy classes the JDK makes at run time, which its AOT cache cannot keep: reading them cost {@code foundry model
 * list} about 50 ms of its start. Options and parameters are bound to the command's own fields (a getter and a
 * setter), so a command reads its arguments as plain fields.
 */
public final class CommandSpecs {
    private static final ManifestVersion VERSION = new ManifestVersion();

    private CommandSpecs() {
    }

    /**
     * The spec of a command that {@code command} runs (a {@code Callable}; a group's command is run by none), with
     * {@code -h/--help} and {@code -V/--version}. Its name is the one its group adds it under.
     */
    public static CommandSpec command(Object command, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.usageMessage().description(description);
        spec.versionProvider(VERSION);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** An option with one value of {@code type}, read into a field. */
    public static <T> OptionSpec.Builder option(Class<T> type, Supplier<T> field, Consumer<T> assign, String... names) {
        return OptionSpec.builder(names).type(type).initialValue(field.get()).getter(new Binding<>(field, assign))
                .setter(new Binding<>(field, assign));
    }

    /** An option without a value: true when given. */
    public static OptionSpec.Builder flag(Supplier<Boolean> field, Consumer<Boolean> assign, String... names) {
        return option(boolean.class, field, assign, names);
    }

    /** An option that may be repeated, each value added to a list. */
    public static OptionSpec.Builder repeated(Supplier<List<String>> field, Consumer<List<String>> assign,
                                              String... names) {
        return OptionSpec.builder(names).type(List.class).auxiliaryTypes(String.class).initialValue(field.get())
                .getter(new Binding<>(field, assign)).setter(new Binding<>(field, assign));
    }

    /** The positional parameter at {@code index}, one value of {@code type}, required. */
    public static <T> PositionalParamSpec.Builder parameter(String index, Class<T> type, Supplier<T> field,
                                                            Consumer<T> assign) {
        return PositionalParamSpec.builder().index(index).type(type).required(true).initialValue(field.get())
                .getter(new Binding<>(field, assign)).setter(new Binding<>(field, assign));
    }

    /** The positional parameters from {@code index} on, as a list of words (required only if told so). */
    public static PositionalParamSpec.Builder words(String index, Supplier<List<String>> field,
                                                    Consumer<List<String>> assign) {
        return PositionalParamSpec.builder().index(index).type(List.class).auxiliaryTypes(String.class)
                .initialValue(field.get()).getter(new Binding<>(field, assign)).setter(new Binding<>(field, assign));
    }

    /** picocli's getter and setter, whose generic methods a lambda cannot implement, over a field's pair of lambdas. */
    private record Binding<V>(Supplier<V> reader, Consumer<V> writer) implements IGetter, ISetter {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) reader.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T previous = get();
            writer.accept((V) value);
            return previous;
        }
    }
}
