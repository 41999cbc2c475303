package io.jiti.platform.store;

import io.jiti.platform.model.Team;
import java.nio.file.Path;
import java.time.Instant;

/** Run in a child JVM by {@link DatabaseDurabilityTest}: commits teams, prints "committed", then dies at once. */
public final class KilledWriter {
    private KilledWriter() {
    }

    public static void main(String[] args) {
        Database db = Database.embedded(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        for (int i = 0; i < count; i++) {
            db.store().insertTeam(new Team("team-" + i, Instant.now()));
        }
        System.out.println("committed");
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }
}
