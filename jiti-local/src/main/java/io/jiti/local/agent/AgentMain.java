package io.jiti.local.agent;

import io.jiti.local.AgentInfo;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import io.jiti.local.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;

/**
 * The agent process: {@code java -cp ... io.jiti.local.agent.AgentMain JITI_HOME}. Holds the home's agent
 * lock for its whole life (a second agent exits at once), writes a fresh token ({@code 0600}) and its
 * address, then serves until asked to shut down or terminated. Instances keep running after it exits.
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) throws Exception {
        Home home = new Home(Path.of(args.length > 0 ? args[0] : System.getProperty("user.home") + "/.jiti"));
        Files.createDirectories(home.agentDir());
        try (FileChannel ch = FileChannel.open(home.agentLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) {
                System.out.println("another agent serves " + home.root() + "; exiting");
                return;
            }
            run(home);
        }
    }

    private static void run(Home home) throws IOException, InterruptedException {
        String token = HexFormat.of().formatHex(randomBytes());
        DurableFiles.writeAtomically(home.token(), token, true);
        CountDownLatch stop = new CountDownLatch(1);
        Agent agent = new Agent(home, AgentMain::log);
        agent.start();
        ControlApi api = new ControlApi(agent, token, stop::countDown);
        AgentInfo info = new AgentInfo(ProcessHandle.current().pid(), api.port(), Instant.now().toString());
        DurableFiles.writeAtomically(home.agentInfo(), Json.MAPPER.writeValueAsString(info), false);
        log("agent " + info.pid() + " serving " + home.root() + " on 127.0.0.1:" + api.port());
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
        Files.deleteIfExists(home.agentInfo());
        api.close();
        agent.close();
        log("agent " + info.pid() + " stopped; instances keep running");
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " " + message);
    }
}
