package io.jiti.bench;

import io.jiti.proxy.Backend;
import io.jiti.proxy.HttpProxy;
import io.jiti.proxy.ProxyConfig;
import io.jiti.proxy.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * jiti's load balancer on its own, for {@code bench/proxy}: {@code ProxyMain LISTEN_PORT BACKEND_PORT
 * [IO_THREADS=1 [CERT_CHAIN_PEM KEY_PEM]]}, serving HTTPS with that certificate when given. Runs until
 * terminated.
 */
public final class ProxyMain {
    private ProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int backend = Integer.parseInt(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        ProxyConfig defaults = ProxyConfig.defaults("bench", port);
        ProxyConfig config = new ProxyConfig("bench", port, defaults.requestTimeout(), defaults.idleTimeout(),
                defaults.connectTimeout(), defaults.maxBodyBytes(), defaults.maxRetries(),
                defaults.ejectAfterFailures(), defaults.ejectFor(), threads);
        CountDownLatch stop = new CountDownLatch(1);
        io.netty.handler.ssl.SslContext tls = args.length > 4
                ? Tls.server(Files.readString(Path.of(args[3])), Files.readString(Path.of(args[4]))) : null;
        try (HttpProxy proxy = HttpProxy.start(config, tls)) {
            proxy.backends(List.of(new Backend("backend", backend)));
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            System.out.println("proxy listening on " + (tls == null ? "http" : "https (" + Tls.provider() + ")") + "://127.0.0.1:"
                    + proxy.port());
            stop.await();
        }
    }
}
