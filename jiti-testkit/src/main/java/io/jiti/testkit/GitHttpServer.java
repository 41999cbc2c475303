package io.jiti.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;
import org.eclipse.jgit.errors.RepositoryNotFoundException;

/**
 * A git server over smart HTTP on 127.0.0.1 (JGit's {@code GitServlet} on Jetty): the repositories are bare
 * directories below a root, {@code http://127.0.0.1:PORT/git/NAME.git}; anyone may fetch and push. A branch can
 * be protected (pushes to it refused, as a forge refuses them), and every accepted push is reported.
 */
public final class GitHttpServer implements AutoCloseable {
    private final Path root;
    private final Server server;
    private final List<String> protectedBranches = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> onPush = new CopyOnWriteArrayList<>();

    private GitHttpServer(Path root) {
        this.root = root;
        this.server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((RepositoryResolver<jakarta.servlet.http.HttpServletRequest>) (req, name) -> {
            Path dir = root.resolve(name).normalize();
            if (!dir.startsWith(root) || !dir.toFile().isDirectory()) {
                throw new RepositoryNotFoundException(name);
            }
            try {
                return Git.open(dir.toFile()).getRepository();
            } catch (IOException e) {
                throw new RepositoryNotFoundException(name, e);
            }
        });
        git.setReceivePackFactory((req, db) -> {
            ReceivePack rp = new ReceivePack(db);
            rp.setPreReceiveHook((pack, commands) -> {
                for (ReceiveCommand c : commands) {
                    String branch = c.getRefName().replaceFirst("^refs/heads/", "");
                    if (protectedBranches.contains(branch)) {
                        c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "branch " + branch + " is protected");
                    }
                }
            });
            rp.setPostReceiveHook((pack, commands) -> commands.stream()
                    .filter(c -> c.getResult() == ReceiveCommand.Result.OK)
                    .forEach(c -> onPush.forEach(l -> l.accept(c.getRefName() + " " + c.getNewId().name()))));
            return rp;
        });
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(git), "/git/*");
        server.setHandler(context);
    }

    /** Starts a server over the bare repositories below {@code root}. */
    public static GitHttpServer start(Path root) {
        GitHttpServer s = new GitHttpServer(root.toAbsolutePath().normalize());
        try {
            s.server.start();
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("cannot start the git server: " + e.getMessage(), e);
        }
        return s;
    }

    /** Makes an empty bare repository {@code name} ({@code app.git}) whose default branch is {@code main}; answers its URL. */
    public String create(String name) {
        try (Git g = Git.init().setBare(true).setInitialBranch("main").setDirectory(root.resolve(name).toFile()).call()) {
            Repository r = g.getRepository();
            r.getConfig().setBoolean("http", null, "receivepack", true);
            r.getConfig().save();
            return url(name);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot create " + name + ": " + e.getMessage(), e);
        }
    }

    /** The URL of repository {@code name}. */
    public String url(String name) {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/git/" + name;
    }

    /** Refuses pushes to {@code branch} from now on ({@code false}: accepts them again). */
    public void protect(String branch, boolean on) {
        if (on) {
            protectedBranches.add(branch);
        } else {
            protectedBranches.remove(branch);
        }
    }

    /** Calls {@code listener} with {@code REF NEW-COMMIT} after every accepted push. */
    public void onPush(Consumer<String> listener) {
        onPush.add(listener);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("cannot stop the git server", e));
        }
    }
}
