package io.jiti.platform;

import io.jiti.platform.model.IssuedToken;
import io.jiti.platform.model.Team;
import io.jiti.platform.model.User;
import io.jiti.platform.store.Store;
import io.jiti.platform.store.StoredToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Teams, users and their API tokens; authentication. */
public final class Identity {
    /** How long a token lives unless told otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(90);
    /** The longest a token may live. */
    public static final Duration MAX_TTL = Duration.ofDays(366);
    /** The user the server makes on its first start. */
    public static final String FIRST_ADMIN = "admin";
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;

    Identity(Store store, Clock clock, AuditLog audit) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
    }

    /** The caller {@code token} belongs to; unauthenticated when it is unknown, expired or revoked. */
    public Caller authenticate(String token) {
        if (token == null || !token.startsWith(Tokens.PREFIX) || token.length() > 100) {
            throw PlatformException.unauthenticated("a token (jiti_…) is required: Authorization: Bearer TOKEN");
        }
        String hash = Tokens.hash(token);
        Optional<StoredToken> found = store.tokenByHash(hash).filter(t -> Tokens.same(t.hash(), hash));
        if (found.isEmpty() || found.get().revoked() || !found.get().expires().isAfter(clock.instant())) {
            throw PlatformException.unauthenticated("the token is unknown, expired or revoked");
        }
        User user = store.user(found.get().user()).orElseThrow(
                () -> PlatformException.unauthenticated("the token's user no longer exists"));
        return new Caller(user.name(), user.team(), user.role());
    }

    /** On a platform without users: the first admin and its token. Empty when there are users already. */
    public Optional<IssuedToken> bootstrap() {
        return store.transaction(tx -> {
            if (!tx.users().isEmpty()) {
                return Optional.<IssuedToken>empty();
            }
            tx.insertUser(new User(FIRST_ADMIN, null, Role.ADMIN, clock.instant()));
            audit.record(tx, "jiti", "user.create", "user/" + FIRST_ADMIN, "ok", "the first admin");
            return Optional.of(issue(tx, FIRST_ADMIN, DEFAULT_TTL));
        });
    }

    /** Creates a team. */
    public Team createTeam(Caller caller, String name) {
        Names.check("name", name);
        return audit.guarded(caller, "team.create", "team/" + name, () -> {
            Access.requireAdmin(caller, "create teams");
            return store.transaction(tx -> {
                Team team = new Team(name, clock.instant());
                if (!tx.insertTeam(team)) {
                    throw PlatformException.conflict("name", "team " + name + " exists");
                }
                audit.record(tx, caller.user(), "team.create", "team/" + name, "ok", "");
                return team;
            });
        });
    }

    /** Every team. */
    public List<Team> teams(Caller caller) {
        return store.teams();
    }

    /** Creates a user with a first token (shown once). */
    public IssuedToken createUser(Caller caller, String name, String team, Role role, Duration ttl) {
        Names.check("name", name);
        if (team != null) {
            Names.check("team", team);
        }
        if (role == null) {
            throw PlatformException.badInput("role", "role is required (admin, developer, viewer)");
        }
        if (role == Role.DEVELOPER && team == null) {
            throw PlatformException.badInput("team", "a developer belongs to a team: give --team");
        }
        Duration life = ttl(ttl);
        return audit.guarded(caller, "user.create", "user/" + name, () -> {
            Access.requireAdmin(caller, "create users");
            return store.transaction(tx -> {
                if (team != null && tx.team(team).isEmpty()) {
                    throw PlatformException.notFound("team", "no team " + team + " (create it with 'jiti team create "
                            + team + "')");
                }
                if (!tx.insertUser(new User(name, team, role, clock.instant()))) {
                    throw PlatformException.conflict("name", "user " + name + " exists");
                }
                audit.record(tx, caller.user(), "user.create", "user/" + name, "ok", "role " + role.word()
                        + (team == null ? "" : ", team " + team));
                return issue(tx, name, life);
            });
        });
    }

    /** Every user. */
    public List<User> users(Caller caller) {
        Access.requireAdmin(caller, "list users");
        return store.users();
    }

    /** A new token for {@code user}: admins for anyone, anyone for themselves. */
    public IssuedToken issueToken(Caller caller, String user, Duration ttl) {
        Names.check("user", user);
        Duration life = ttl(ttl);
        return audit.guarded(caller, "token.issue", "user/" + user, () -> {
            if (!caller.user().equals(user)) {
                Access.requireAdmin(caller, "issue tokens for others");
            }
            return store.transaction(tx -> {
                if (tx.user(user).isEmpty()) {
                    throw PlatformException.notFound("user", "no user " + user);
                }
                IssuedToken t = issue(tx, user, life);
                audit.record(tx, caller.user(), "token.issue", "user/" + user, "ok", "token " + t.id());
                return t;
            });
        });
    }

    /** Revokes a token: admins any, anyone their own. */
    public void revokeToken(Caller caller, String user, String id) {
        audit.guarded(caller, "token.revoke", "user/" + user, () -> {
            if (!caller.user().equals(user)) {
                Access.requireAdmin(caller, "revoke others' tokens");
            }
            return store.transaction(tx -> {
                boolean own = tx.tokens(user).stream().anyMatch(t -> t.id().equals(id));
                if (!own || !tx.revokeToken(id)) {
                    throw PlatformException.notFound("id", "user " + user + " has no token " + Names.abbreviate(id));
                }
                audit.record(tx, caller.user(), "token.revoke", "user/" + user, "ok", "token " + id);
                return null;
            });
        });
    }

    private IssuedToken issue(Store tx, String user, Duration ttl) {
        String secret = Tokens.secret();
        Instant now = clock.instant();
        StoredToken t = new StoredToken(Tokens.id(), user, Tokens.hash(secret), now, now.plus(ttl), false);
        tx.insertToken(t);
        return new IssuedToken(t.id(), user, secret, t.expires());
    }

    private static Duration ttl(Duration requested) {
        if (requested == null) {
            return DEFAULT_TTL;
        }
        if (requested.isNegative() || requested.isZero() || requested.compareTo(MAX_TTL) > 0) {
            throw PlatformException.badInput("ttl", "a token lives between 1 second and 366 days");
        }
        return requested;
    }
}
