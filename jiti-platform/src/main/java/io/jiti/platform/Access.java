package io.jiti.platform;

import io.jiti.platform.model.Service;

/**
 * Who may do what: one place for the role and team rules, so that every interface gets the same answers.
 * Entitlements (which templates a team may use where) are checked where a template is used.
 */
final class Access {
    /** The largest page a list returns. */
    static final int MAX_PAGE = 200;

    private Access() {
    }

    static void requireAdmin(Caller caller, String what) {
        if (!caller.admin()) {
            throw PlatformException.forbidden("only an admin may " + what + " (you are " + caller.user() + ", "
                    + caller.role().word() + ")");
        }
    }

    /** Admins, and developers of the service's team. */
    static void requireOwner(Caller caller, Service service, String what) {
        requireTeam(caller, service.team(), what + " of service " + service.name());
    }

    /** Admins, and developers of {@code team}. */
    static void requireTeam(Caller caller, String team, String what) {
        if (caller.admin()) {
            return;
        }
        if (caller.role() != Role.DEVELOPER || !team.equals(caller.team())) {
            throw PlatformException.forbidden("only an admin or a developer of team " + team + " may " + what
                    + " (you are " + caller.user() + ", " + caller.role().word()
                    + (caller.team() == null ? "" : " of team " + caller.team()) + ")");
        }
    }

    /** A page size: 1 to {@link #MAX_PAGE}, 50 when not given. */
    static int limit(int requested) {
        if (requested <= 0) {
            return 50;
        }
        return Math.min(requested, MAX_PAGE);
    }
}
