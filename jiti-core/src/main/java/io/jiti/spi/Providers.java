package io.jiti.spi;

import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;

/** Finds providers through {@link ServiceLoader}. */
public final class Providers {
    private Providers() {
    }

    /** Makes the provider of that id, or says which ids exist. */
    public static Provider create(String id, ProviderContext context) {
        return factory(id).orElseThrow(() -> unknown(id)).create(context);
    }

    /** The factory of that id on the class path, if there is one. */
    public static Optional<ProviderFactory> factory(String id) {
        for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class)) {
            if (f.id().equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The ids of the providers on the class path, sorted. */
    public static SortedSet<String> ids() {
        TreeSet<String> known = new TreeSet<>();
        ServiceLoader.load(ProviderFactory.class).forEach(f -> known.add(f.id()));
        return known;
    }

    /** The error for an id no provider on the class path has, naming the ones there are. */
    public static UnknownProviderException unknown(String id) {
        SortedSet<String> known = ids();
        return new UnknownProviderException("unknown provider '" + id + "' (available: "
                + (known.isEmpty() ? "none on the class path" : String.join(", ", known)) + ")");
    }
}
