package io.jiti.engine;

import io.jiti.api.JitiException;
import java.util.List;

/** Apply refused to delete or replace protected particles without {@code --force}; nothing was changed. */
public final class ProtectedException extends JitiException {
    private static final long serialVersionUID = 1L;

    public ProtectedException(List<String> particles) {
        super("refusing to delete or replace protected particle" + (particles.size() > 1 ? "s " : " ")
                + String.join(", ", particles) + " (use --force to proceed); nothing was changed");
    }
}
