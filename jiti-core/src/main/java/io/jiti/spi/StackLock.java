package io.jiti.spi;

/** A held per-stack lock; closing it releases it. */
public interface StackLock extends AutoCloseable {
    @Override
    void close();
}
