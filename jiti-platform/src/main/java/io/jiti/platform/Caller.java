package io.jiti.platform;

/**
 * Who makes a request, as its token says.
 *
 * @param user the user's name
 * @param team the user's team, or null (an admin of the platform team need not have one)
 * @param role the user's role
 */
public record Caller(String user, String team, Role role) {

    /** Whether this caller is an admin. */
    public boolean admin() {
        return role == Role.ADMIN;
    }
}
