package io.jiti.proxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks a backend by least outstanding requests (ties rotate), and ejects a backend after consecutive
 * failures for a while, but never more than half of the rotation: past that it fails open.
 */
final class Balancer {
    private final ProxyConfig config;
    private final AtomicInteger rotor = new AtomicInteger();
    private volatile List<Upstream> rotation = List.of();
    private final Map<String, Upstream> known = new HashMap<>();
    /** Backends that left the rotation with requests still in flight, until those end (for draining). */
    private final Map<String, Upstream> leaving = new HashMap<>();

    Balancer(ProxyConfig config) {
        this.config = config;
    }

    /** Sets the rotation; backends that leave it finish their requests and lose their idle connections. */
    synchronized void update(List<Backend> backends) {
        List<Upstream> next = new ArrayList<>();
        Map<String, Upstream> keep = new HashMap<>();
        for (Backend b : backends) {
            Upstream u = known.get(b.id());
            if (u == null || u.backend.port() != b.port()) {
                u = new Upstream(b);
            }
            next.add(u);
            keep.put(b.id(), u);
        }
        known.forEach((id, u) -> {
            if (!keep.containsKey(id) || keep.get(id) != u) {
                u.closeIdle();
                if (u.outstanding.get() > 0) {
                    leaving.put(id, u);
                }
            }
        });
        keep.keySet().forEach(leaving::remove);
        leaving.values().removeIf(u -> u.outstanding.get() == 0);
        known.clear();
        known.putAll(keep);
        rotation = List.copyOf(next);
    }

    /** Requests in flight on a backend, in rotation or gone from it (0 when unknown). */
    int outstanding(String id) {
        synchronized (this) {
            Upstream u = known.get(id);
            if (u != null) {
                return u.outstanding.get();
            }
            u = leaving.get(id);
            int n = u == null ? 0 : u.outstanding.get();
            if (u != null && n == 0) {
                leaving.remove(id);
            }
            return n;
        }
    }

    List<Upstream> rotation() {
        return rotation;
    }

    /**
     * The next backend, avoiding {@code tried} when another exists and ejected ones when another exists;
     * null when there is none. Allocates nothing: it is on every request's path.
     */
    Upstream choose(Set<Upstream> tried) {
        List<Upstream> all = rotation;
        int n = all.size();
        if (n == 0) {
            return null;
        }
        long now = System.nanoTime();
        int start = Math.floorMod(rotor.getAndIncrement(), n);
        // Level 0: untried and not ejected; 1: untried; 2: anything.
        for (int level = 0; level < 3; level++) {
            Upstream best = null;
            for (int i = 0; i < n; i++) {
                Upstream u = all.get((start + i) % n);
                if (level < 2 && tried.contains(u) || level == 0 && u.ejected(now)) {
                    continue;
                }
                if (best == null || u.outstanding.get() < best.outstanding.get()) {
                    best = u;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    void succeeded(Upstream u) {
        u.failures.set(0);
    }

    /** Counts a failure; ejects the backend at the threshold unless that would eject more than half. */
    void failed(Upstream u) {
        if (u.failures.incrementAndGet() < config.ejectAfterFailures()) {
            return;
        }
        List<Upstream> all = rotation;
        long now = System.nanoTime();
        long ejected = all.stream().filter(x -> x != u && x.ejected(now)).count();
        if (ejected + 1 <= all.size() / 2) {
            u.ejectedUntilNanos = now + config.ejectFor().toNanos();
            u.failures.set(0);
        }
    }

    /** Ends an ejection early: the active health check says the backend is fine again. */
    void readmit(String id) {
        synchronized (this) {
            Upstream u = known.get(id);
            if (u != null) {
                u.ejectedUntilNanos = 0;
                u.failures.set(0);
            }
        }
    }
}
