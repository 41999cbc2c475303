package io.jiti.spi;

import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds providers through {@link ServiceLoader}. */
public final class Providers {
    private Providers() {
    }

    /** Makes the provider of that id, or says which ids exist. */
    public static Provider create(String id, ProviderContext context) {
        TreeSet<String> known = new TreeSet<>();
        for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class)) {
            if (f.id().equals(id)) {
                return f.create(context);
            }
            known.add(f.id());
        }
        throw new UnknownProviderException("unknown provider '" + id + "' (available: "
                + (known.isEmpty() ? "none on the class path" : String.join(", ", known)) + ")");
    }
}
