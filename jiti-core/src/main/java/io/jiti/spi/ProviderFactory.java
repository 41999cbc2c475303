package io.jiti.spi;

/** Found through {@link java.util.ServiceLoader}; makes a {@link Provider} for a context. */
public interface ProviderFactory {

    /** The provider id, such as {@code local}. */
    String id();

    /** Makes a provider. */
    Provider create(ProviderContext context);
}
