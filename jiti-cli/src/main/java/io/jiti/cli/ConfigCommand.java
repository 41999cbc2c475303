package io.jiti.cli;

import io.jiti.sops.AgeKeyPair;
import io.jiti.sops.SopsException;
import io.jiti.sops.config.EnvConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jiti config}: an environment's encrypted configuration, kept in the service's repository. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Keep each environment's configuration encrypted in the repository, as config/ENV.yaml.",
                "The file is in SOPS format with age recipients: keys readable in a diff, each value encrypted "
                        + "(AES-256-GCM), the data key wrapped for every recipient listed in .jiti/recipients/ENV, "
                        + "a MAC over all values. sops and its libraries read it; jiti decrypts it only in memory "
                        + "at deploy time and gives the values to the processes as environment variables.", "",
                "Identities (AGE-SECRET-KEY-1…) are read from JITI_AGE_KEY, JITI_AGE_KEY_FILE, SOPS_AGE_KEY, "
                        + "SOPS_AGE_KEY_FILE or ~/.config/sops/age/keys.txt.", ""},
        subcommands = {ConfigCommand.Keygen.class, ConfigRecipientCommand.class, ConfigValueCommands.Set.class,
                ConfigValueCommands.Unset.class, ConfigValueCommands.Get.class, ConfigEditCommand.class,
                ConfigCommand.Rotate.class},
        footer = {"", "Exit codes: 0 done, 1 failed, 2 bad input (a name, a file that does not decrypt, no identity).",
                "", "Examples:", "  jiti config keygen test --out ~/.config/jiti/test.key",
                "  jiti config set test DATABASE_URL=postgres://… API_TOKEN=…",
                "  JITI_AGE_KEY_FILE=~/.config/jiti/test.key jiti config get test API_TOKEN",
                "  jiti config recipient add prod age1… && jiti config rotate prod"})
final class ConfigCommand {

    /** Now, to the second (what a SOPS file records). */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Make an age X25519 identity and list its recipient for ENV.",
                    "The identity is printed once (or written to --out, mode 0600): give it to the platform server "
                            + "or keep it with whoever deploys. Its recipient (age1…) is added to "
                            + ".jiti/recipients/ENV; commit that file.", ""},
            footer = {"", "Examples:", "  jiti config keygen test --out test.key", "  jiti config keygen prod"})
    static final class Keygen implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ConfigPlace place;
        @Option(names = "--out", paramLabel = "FILE", description = "Write the identity to FILE (created 0600; "
                + "never replaced) instead of printing it.")
        Path out;

        Keygen(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws IOException {
            EnvConfig config = place.config();
            config.recipients();
            Path file = out == null ? null : place.resolve(out);
            if (file != null && Files.exists(file)) {
                throw new SopsException(out.toString(), "exists; an identity file is never replaced (choose another "
                        + "--out, or remove it if you are sure nothing is encrypted only for it)");
            }
            AgeKeyPair pair = config.keygen();
            String text = "# created: " + now() + "\n# public key: " + pair.recipient() + "\n" + pair.identity() + "\n";
            String listed = "Its recipient " + pair.recipient() + " is in " + place.dir.resolve(".jiti/recipients")
                    .resolve(place.env).normalize() + "; commit it.";
            if (file == null) {
                terminal.out().print(text);
                terminal.out().flush();
                terminal.error("Keep the identity above secret: it is shown once. " + listed);
            } else {
                write(file, text);
                terminal.line("Wrote the identity to " + out + " (0600). " + listed);
            }
            if (config.exists()) {
                terminal.line("config/" + place.env + ".yaml exists: it can be read with the new identity once someone "
                        + "who can open it runs 'jiti config rotate " + place.env + "'.");
            }
            return ExitCodes.OK;
        }

        private static void write(Path file, String text) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (FileChannel ch = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------")))) {
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            } catch (FileAlreadyExistsException e) {
                throw new SopsException(file.toString(), "exists; an identity file is never replaced");
            }
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Encrypt ENV's config under a new data key for the recipients listed now.",
                    "Every value's ciphertext changes; a recipient removed from .jiti/recipients/ENV can no longer "
                            + "read new versions of the file. Needs an identity that opens it.", ""},
            footer = {"", "Examples:", "  JITI_AGE_KEY_FILE=ops.key jiti config rotate prod"})
    static final class Rotate implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ConfigPlace place;

        Rotate(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws IOException {
            EnvConfig config = place.config();
            config.rotate(place.identities(), now());
            terminal.line("Rotated " + config.label() + ": a new data key for " + config.recipients().size()
                    + " recipient(s); every value's ciphertext changed. Commit it.");
            return ExitCodes.OK;
        }
    }
}
