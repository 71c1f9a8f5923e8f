package dev.nightshift.simulator.reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's document — Purpose, Public API, Usage, Pitfalls — or a part's, covering the members the part shows.
 *
 * <p>Purpose and Public API are written from what survives an edit inside a method body: the path, the file name,
 * the top-level types' names and the public symbols (or declaration lines). So a body-only change leaves them
 * byte-identical, which is what lets a folder summary built from them stay unchanged. Pitfalls may follow the body
 * (the exceptions it raises), as a real model's would. The document grows with the number of symbols, about a
 * hundred tokens each, so a file with many members runs past a small output budget.
 */
final class FileDoc {
    private static final long HALLUCINATION = 11;
    private static final Pattern RAISES = Pattern.compile("\\b(?:throw\\s+new|raise)\\s+([A-Z][\\w.]*)");

    private FileDoc() {}

    static String write(UnitPrompt unit, DocsSpec spec, SimulatedModel model) {
        Findings findings = unit.repair() == null
                ? Findings.NONE
                : Findings.parse(unit.repair().diagnostics());
        String shown = unit.code() + (spec.outline() == null ? "" : "\n" + spec.outline());
        Map<String, Declaration> declared = new LinkedHashMap<>();
        CodeOutline.declarations(unit.code(), unit.language()).forEach(d -> declared.putIfAbsent(d.name(), d));
        List<ApiEntry> real = entries(unit, spec, declared, findings);
        List<ApiEntry> documented = new ArrayList<>(real);
        // Drawn from the first try, so a review round sees the same invention it is asked to remove.
        Random random = new Random(
                Seeds.mix(Seeds.of(model, unit.firstTry().isEmpty() ? unit.code() : unit.firstTry()), HALLUCINATION));
        if (model.docsDefects().hallucinates(random.nextDouble())) {
            // Only in its own subsection: a review that names it removes every trace of it.
            documented.add(invented(random, shown, real));
        }
        real.removeIf(e -> findings.isUnknown(e.qualifiedName()));
        documented.removeIf(e -> findings.isUnknown(e.qualifiedName()));
        List<String> types =
                types(unit, spec).stream().filter(t -> !findings.isUnknown(t)).toList();

        StringBuilder md = new StringBuilder();
        md.append("# ").append(unit.fileName());
        if (spec.split()) {
            md.append(" (part ")
                    .append(spec.part())
                    .append(" of ")
                    .append(spec.parts())
                    .append(')');
        }
        md.append("\n\n## Purpose\n\n").append(purpose(unit, spec, types)).append("\n\n");
        md.append("## Public API\n\n");
        if (documented.isEmpty()) {
            md.append(
                    spec.split()
                            ? "The members this part shows are not public.\n\n"
                            : "This file exposes no public symbols.\n\n");
        }
        for (ApiEntry e : documented) {
            md.append("### ")
                    .append(Markdown.code(e.heading()))
                    .append("\n\n")
                    .append(describe(e, unit))
                    .append("\n\n");
        }
        String example = String.join("\n", UsageExample.lines(unit.language(), unit.fileName(), real));
        String fence = Markdown.fenceFor(example);
        md.append("## Usage\n\n")
                .append(fence)
                .append(unit.language())
                .append('\n')
                .append(example)
                .append('\n')
                .append(fence)
                .append("\n\n");
        md.append("## Pitfalls\n\n");
        for (ApiEntry e : real) {
            md.append("- ").append(pitfall(e)).append('\n');
        }
        for (String raised : raised(unit.code())) {
            md.append("- The code raises ")
                    .append(Markdown.code(raised))
                    .append(" on some inputs; callers should expect it rather than treat it as a crash.\n");
        }
        md.append("- This document follows the file as given; regenerate it when a public signature changes.\n");
        return md.toString();
    }

    /** The prompt's public symbols (those a part shows, for a part) and any the review found missing; else the declarations. */
    private static List<ApiEntry> entries(
            UnitPrompt unit, DocsSpec spec, Map<String, Declaration> declared, Findings findings) {
        List<ApiEntry> out = new ArrayList<>();
        if (spec.publicSymbols() == null) {
            out.addAll(ApiEntry.ofDeclarations(List.copyOf(declared.values())));
        } else {
            for (String symbol : spec.publicSymbols()) {
                ApiEntry e = ApiEntry.ofSymbol(symbol, declared, unit.code());
                if (!spec.split() || shows(unit.code(), e.name())) {
                    out.add(e);
                }
            }
        }
        for (String missing : findings.missingSymbols()) {
            ApiEntry e = ApiEntry.ofSymbol(missing, declared, unit.code());
            if (out.stream()
                    .noneMatch(o ->
                            o.heading().equals(e.heading()) || o.qualifiedName().equals(e.qualifiedName()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static boolean shows(String code, String name) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])")
                .matcher(code)
                .find();
    }

    /** The top-level types the code declares; for a part that shows none, those of the whole file's outline. */
    private static List<String> types(UnitPrompt unit, DocsSpec spec) {
        Set<String> out = new LinkedHashSet<>();
        CodeOutline.declarations(unit.code(), unit.language()).stream()
                .filter(Declaration::isType)
                .forEach(d -> out.add(d.name()));
        if (out.isEmpty() && spec.outline() != null) {
            CodeOutline.declarations(spec.outline(), "text").stream()
                    .filter(Declaration::isType)
                    .forEach(d -> out.add(d.name()));
        }
        return List.copyOf(out);
    }

    /** A method of the file's first type (or first owner), or a top-level function when it has none. */
    private static ApiEntry invented(Random random, String shown, List<ApiEntry> entries) {
        String name = InventedName.pick(random, shown);
        String owner = entries.stream()
                .filter(ApiEntry::type)
                .map(ApiEntry::name)
                .findFirst()
                .orElse(entries.stream()
                        .map(ApiEntry::owner)
                        .filter(o -> o != null)
                        .findFirst()
                        .orElse(null));
        return new ApiEntry((owner == null ? "" : owner + ".") + name + "()", owner, name, List.of(), true, false);
    }

    private static String purpose(UnitPrompt unit, DocsSpec spec, List<String> types) {
        String lang = Languages.display(unit.language());
        String kind =
                unit.language().equals("text") || unit.language().equals("markdown") ? "file" : lang + " source file";
        String where = unit.folder().isEmpty() ? "at the root of the repository" : "in " + Markdown.code(unit.folder());
        String area = unit.folder().isEmpty()
                ? "the repository's root"
                : "the " + Markdown.code(lastSegment(unit.folder())) + " area";
        StringBuilder p = new StringBuilder();
        p.append(Markdown.code(unit.fileName()))
                .append(" is the ")
                .append(kind)
                .append(' ')
                .append(where);
        if (types.isEmpty()) {
            p.append(". Its name says what it is for: ")
                    .append(Markdown.humanise(unit.baseName()))
                    .append(" for ")
                    .append(area);
        } else {
            p.append(" that defines ")
                    .append(Markdown.listing(types))
                    .append(". It models ")
                    .append(String.join(
                            " and ", types.stream().map(Markdown::humanise).toList()))
                    .append(" for ")
                    .append(area);
        }
        p.append("; the sections below describe its public surface, how to use it and what to watch for.");
        if (spec.split()) {
            p.append(" This part, ")
                    .append(spec.part())
                    .append(" of ")
                    .append(spec.parts())
                    .append(", covers only the members its code shows; the other parts document the rest.");
        }
        return p.toString();
    }

    private static String describe(ApiEntry e, UnitPrompt unit) {
        String name = Markdown.code(e.name());
        String words = Markdown.humanise(e.name());
        if (e.type()) {
            return name + " models " + words + " in " + Markdown.code(unit.fileName())
                    + ". Create or obtain an instance before calling its members; the members documented here are the ones other code may rely on, "
                    + "and anything not listed is an implementation detail that can change without notice.";
        }
        if (e.callable()) {
            String who = e.owner() == null
                    ? name + " is a function that handles " + words
                    : name + " belongs to " + Markdown.code(e.owner()) + " and handles " + words;
            String takes = !e.parametersKnown()
                    ? "the arguments its declaration lists"
                    : e.params().isEmpty() ? "no arguments" : Markdown.listing(e.params());
            return who + ". It takes " + takes
                    + " and returns its result to the caller, so use the returned value rather than relying "
                    + "on side effects. Its name and parameters are part of the file's public contract: other modules may call it as written here.";
        }
        return name + " is a public value" + (e.owner() == null ? "" : " of " + Markdown.code(e.owner()))
                + " that stands for " + words + ". Read it where you need it instead of repeating its value elsewhere, "
                + "so that a change to it reaches every caller at once.";
    }

    private static String pitfall(ApiEntry e) {
        String heading = Markdown.code(e.heading());
        if (e.type()) {
            return heading
                    + " may hold state shared by every caller of the same instance; do not use one instance from several "
                    + "threads unless the code says it is safe.";
        }
        if (e.callable() && (!e.params().isEmpty() || !e.parametersKnown())) {
            return heading
                    + " trusts its arguments as far as this document can tell: check them before the call, and read the code "
                    + "for the inputs it rejects.";
        }
        if (e.callable()) {
            return heading
                    + " takes no arguments, so its result depends on state set up before the call; make that call after the "
                    + "state it reads is ready.";
        }
        return heading + " is public: changing it changes the behaviour of every caller at once.";
    }

    /** The exceptions the code visibly raises, in order, at most three: names the code has, never invented ones. */
    private static List<String> raised(String code) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = RAISES.matcher(code);
        while (m.find() && out.size() < 3) {
            out.add(m.group(1));
        }
        return List.copyOf(out);
    }

    private static String lastSegment(String folder) {
        int slash = folder.lastIndexOf('/');
        return slash < 0 ? folder : folder.substring(slash + 1);
    }
}
