package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help reads well: the first line of its description (what command lists show) is one
 * complete sentence, and every line is a whole paragraph that picocli wraps at the terminal's width (a
 * line broken by hand mid-sentence wraps raggedly, and its first half is all a command list shows).
 */
class HelpTextTest {

    private static void collect(CommandLine cli, List<CommandLine> all) {
        all.add(cli);
        cli.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    @Test
    void everyDescriptionStartsWithACompleteSentenceAndFitsTheTerminal() {
        CommandLine root = new CommandLine(new JitiCommand());
        JitiCommand.SUBCOMMANDS.forEach((name, cls) -> root.addSubcommand(name, new CommandLine(cls, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> c) throws Exception {
                for (var ctor : c.getDeclaredConstructors()) {
                    if (ctor.getParameterCount() == 1) {
                        ctor.setAccessible(true);
                        return c.cast(ctor.newInstance(new Object[] {null}));
                    }
                }
                return CommandLine.defaultFactory().create(c);
            }
        })));
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        assertThat(all).hasSizeGreaterThan(15);
        List<String> problems = new ArrayList<>();
        for (CommandLine c : all) {
            String name = c.getCommandSpec().qualifiedName();
            String[] description = c.getCommandSpec().usageMessage().description();
            if (description.length == 0 || !description[0].strip().endsWith(".")) {
                problems.add(name + ": the first description line is not a whole sentence: "
                        + (description.length == 0 ? "(none)" : description[0]));
            }
            for (String line : description) {
                String l = line.strip();
                if (!l.isEmpty() && !l.endsWith(".") && !l.endsWith(":")) {
                    problems.add(name + ": a description line that ends mid-sentence: " + line);
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
