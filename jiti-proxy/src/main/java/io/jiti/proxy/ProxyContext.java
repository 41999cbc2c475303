package io.jiti.proxy;

/** What every exchange of one proxy shares. */
record ProxyContext(ProxyConfig config, Balancer balancer, BackendConnector connector, ProxyMetrics metrics) {
}
