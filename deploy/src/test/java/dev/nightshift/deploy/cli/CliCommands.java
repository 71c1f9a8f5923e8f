package dev.nightshift.deploy.cli;

import dev.nightshift.deploy.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CLI's commands and their options as the app's picocli sources declare them ({@code @Command(name = …)},
 * {@code @Option(names = …)}, and the options of the {@code @Mixin}s a command uses). Read as text: this module
 * depends on core only, and the sources are what the binary is built from.
 */
public final class CliCommands {
    private static final Pattern COMMAND = Pattern.compile("@Command\\(\\s*name\\s*=\\s*\"([\\w-]+)\"");
    private static final Pattern OPTION = Pattern.compile("@Option\\(\\s*names\\s*=\\s*(\\{[^}]*}|\"[^\"]+\")");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern MIXIN = Pattern.compile("@Mixin\\s+(?:\\w+\\s+)*?(\\w+)\\s+\\w+\\s*;");
    /** picocli's {@code mixinStandardHelpOptions}. */
    private static final Set<String> STANDARD = Set.of("--help", "-h", "--version", "-V");

    /** One command: its name, its options, and its source (for the values an option documents). */
    public record Command(String name, Set<String> options, String source) {}

    private final Map<String, Command> commands;

    private CliCommands(Map<String, Command> commands) {
        this.commands = commands;
    }

    public static CliCommands load() {
        Path sources = RepoFiles.resolve("app/src/main/java");
        Map<String, String> bySimpleName = new HashMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                bySimpleName.put(f.getFileName().toString().replace(".java", ""), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Command> commands = new HashMap<>();
        bySimpleName.forEach((simpleName, source) -> {
            Matcher c = COMMAND.matcher(source);
            if (c.find()) {
                Set<String> options = new TreeSet<>(STANDARD);
                options.addAll(options(source));
                Matcher m = MIXIN.matcher(source);
                StringBuilder all = new StringBuilder(source);
                while (m.find()) {
                    String mixin = bySimpleName.get(m.group(1));
                    if (mixin != null) {
                        options.addAll(options(mixin));
                        all.append(mixin);
                    }
                }
                commands.put(c.group(1), new Command(c.group(1), options, all.toString()));
            }
        });
        return new CliCommands(commands);
    }

    public Optional<Command> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /**
     * What is wrong with a command line as a person would type it ({@code nightshift jobs RUN --state failed --why}):
     * an unknown command, an option the command lacks, or an option value its source never mentions. Upper-case
     * words are placeholders, {@code {{ … }}} alert templates: neither is checked.
     */
    public List<String> problems(String line) {
        List<String> problems = new ArrayList<>();
        String[] words = line.replaceAll("\\{\\{[^}]*}}", "VALUE").trim().split("\\s+");
        if (words.length < 2 || !words[0].equals("nightshift")) {
            problems.add("'" + line + "' is not a nightshift command line");
            return problems;
        }
        Command command = commands.get(words[1]);
        if (command == null) {
            problems.add("'" + line + "': no command '" + words[1] + "' (commands: " + new TreeSet<>(commands.keySet())
                    + ")");
            return problems;
        }
        for (int i = 2; i < words.length; i++) {
            String w = words[i];
            if (!w.startsWith("-")) {
                continue;
            }
            String option = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            if (!command.options().contains(option)) {
                problems.add("'" + line + "': " + command.name() + " has no option " + option + " (it has "
                        + command.options() + ")");
                continue;
            }
            String value = w.contains("=") ? w.substring(w.indexOf('=') + 1) : i + 1 < words.length ? words[i + 1] : "";
            boolean literal = value.matches("[a-z][a-z0-9|-]*");
            if (literal
                    && !value.startsWith("-")
                    && !Pattern.compile("\\b" + Pattern.quote(value) + "\\b")
                            .matcher(command.source())
                            .find()) {
                problems.add("'" + line + "': " + command.name() + " " + option + " does not take '" + value + "'");
            }
        }
        return problems;
    }

    private static Set<String> options(String source) {
        Set<String> names = new TreeSet<>();
        Matcher o = OPTION.matcher(source);
        while (o.find()) {
            Matcher q = QUOTED.matcher(o.group(1));
            while (q.find()) {
                names.add(q.group(1));
            }
        }
        return names;
    }
}
