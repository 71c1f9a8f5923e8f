package dev.nightshift.ingest.language;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a path to a language id by its extension (or, for a few build files, its name). Only languages a
 * model can document or test are listed; everything else is not source and stays out of the run.
 */
public final class Languages {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("java", "java"),
            Map.entry("kt", "kotlin"),
            Map.entry("kts", "kotlin"),
            Map.entry("scala", "scala"),
            Map.entry("groovy", "groovy"),
            Map.entry("clj", "clojure"),
            Map.entry("py", "python"),
            Map.entry("pyi", "python"),
            Map.entry("js", "javascript"),
            Map.entry("mjs", "javascript"),
            Map.entry("cjs", "javascript"),
            Map.entry("jsx", "javascript"),
            Map.entry("ts", "typescript"),
            Map.entry("tsx", "typescript"),
            Map.entry("mts", "typescript"),
            Map.entry("cts", "typescript"),
            Map.entry("go", "go"),
            Map.entry("rs", "rust"),
            Map.entry("c", "c"),
            Map.entry("h", "c"),
            Map.entry("cc", "cpp"),
            Map.entry("cpp", "cpp"),
            Map.entry("cxx", "cpp"),
            Map.entry("hpp", "cpp"),
            Map.entry("hh", "cpp"),
            Map.entry("hxx", "cpp"),
            Map.entry("cs", "csharp"),
            Map.entry("rb", "ruby"),
            Map.entry("php", "php"),
            Map.entry("swift", "swift"),
            Map.entry("m", "objective-c"),
            Map.entry("mm", "objective-c"),
            Map.entry("dart", "dart"),
            Map.entry("lua", "lua"),
            Map.entry("pl", "perl"),
            Map.entry("pm", "perl"),
            Map.entry("r", "r"),
            Map.entry("jl", "julia"),
            Map.entry("ex", "elixir"),
            Map.entry("exs", "elixir"),
            Map.entry("erl", "erlang"),
            Map.entry("hs", "haskell"),
            Map.entry("ml", "ocaml"),
            Map.entry("fs", "fsharp"),
            Map.entry("sh", "shell"),
            Map.entry("bash", "shell"),
            Map.entry("zsh", "shell"),
            Map.entry("ps1", "powershell"),
            Map.entry("sql", "sql"),
            Map.entry("vue", "vue"),
            Map.entry("svelte", "svelte"),
            Map.entry("zig", "zig"),
            Map.entry("nim", "nim"),
            Map.entry("v", "verilog"),
            Map.entry("sv", "verilog"),
            Map.entry("vhd", "vhdl"),
            Map.entry("tf", "terraform"),
            Map.entry("proto", "protobuf"));

    private static final Map<String, String> BY_NAME = Map.of(
            "Dockerfile",
            "dockerfile",
            "Makefile",
            "make",
            "makefile",
            "make",
            "GNUmakefile",
            "make",
            "Rakefile",
            "ruby",
            "Gemfile",
            "ruby",
            "Jenkinsfile",
            "groovy");

    private Languages() {}

    /** The language id of a source file, or empty when the file is not source code. */
    public static Optional<String> of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String byName = BY_NAME.get(name);
        if (byName != null) {
            return Optional.of(byName);
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
