package org.jfoundry.adapters.ort.runtime;

import java.util.List;

/** The outputs of one run, by position or name; closing it closes every value. */
public final class RunOutputs implements AutoCloseable {
    private final List<String> names;
    private final List<Value> values;

    RunOutputs(List<String> names, List<Value> values) {
        this.names = List.copyOf(names);
        this.values = List.copyOf(values);
    }

    public int size() {
        return values.size();
    }

    public Value get(int index) {
        return values.get(index);
    }

    public Value get(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no output named '" + name + "' in this result; it holds " + names);
        }
        return values.get(index);
    }

    public List<String> names() {
        return names;
    }

    @Override
    public void close() {
        values.forEach(Value::close);
    }
}
