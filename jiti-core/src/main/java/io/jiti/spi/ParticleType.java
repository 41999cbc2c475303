package io.jiti.spi;

import java.util.List;
import java.util.Optional;

/** One type of particle on one provider. Add capabilities by implementing {@link Creator} and friends. */
public interface ParticleType {

    /** The stable type id, such as {@code service}. */
    String id();

    /** Everything of this type the stack owns, found by the stack's ownership marks. */
    List<Observed> list(String stack);

    /** One particle of this type, if the stack owns it. */
    default Optional<Observed> read(String stack, String name) {
        return list(stack).stream().filter(o -> o.name().equals(name)).findFirst();
    }
}
