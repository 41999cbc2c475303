/**
 * Test support for the engine and for providers: {@link io.jiti.testkit.InMemoryProvider}, a provider
 * that keeps its resources in memory with configurable latency and injected failures, and
 * {@link io.jiti.testkit.ProviderContractTest}, the contract every provider's test extends.
 */
package io.jiti.testkit;
