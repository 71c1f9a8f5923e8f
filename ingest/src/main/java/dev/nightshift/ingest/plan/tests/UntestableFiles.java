package dev.nightshift.ingest.plan.tests;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Files a unit test cannot meaningfully exercise, by what they are: build files, SQL, shell scripts,
 * configuration, documentation, type stubs, schemas, markup. The tests task reports each as
 * {@code untestable:<rule>} instead of planning a job (a Makefile or a schema "tested" by a model is money spent
 * on a test no runner runs).
 */
public final class UntestableFiles {
    public static final String PREFIX = "untestable:";

    private static final Set<String> BUILD_NAMES = Set.of(
            "makefile",
            "gnumakefile",
            "pom.xml",
            "build.gradle",
            "build.gradle.kts",
            "settings.gradle",
            "settings.gradle.kts",
            "cmakelists.txt",
            "dockerfile",
            "containerfile",
            "package.json",
            "setup.py",
            "setup.cfg",
            "pyproject.toml",
            "pipfile",
            "noxfile.py",
            "go.mod",
            "cargo.toml",
            "gemfile",
            "rakefile",
            "composer.json",
            "build.xml",
            "meson.build",
            "build",
            "build.bazel",
            "workspace",
            "workspace.bazel",
            "module.bazel",
            "jenkinsfile",
            "vagrantfile",
            "justfile",
            "taskfile.yml",
            "build.sbt",
            "gulpfile.js",
            "gruntfile.js",
            "gulpfile.ts",
            "gruntfile.cjs",
            "deno.json",
            "tsconfig.json");
    private static final Pattern BUILD_EXTENSIONS =
            Pattern.compile(".*\\.(?:mk|cmake|gemspec|csproj|fsproj|vbproj|sln|bzl|podspec)$");
    private static final Pattern DOCKERFILE = Pattern.compile("(?:dockerfile|containerfile)\\..+|.+\\.dockerfile");
    private static final Pattern LOCK_FILE =
            Pattern.compile(".*\\.lock|package-lock\\.json|pnpm-lock\\.yaml|go\\.sum|npm-shrinkwrap\\.json");
    private static final Pattern REQUIREMENTS = Pattern.compile("requirements.*\\.(?:txt|in)|constraints.*\\.txt");
    private static final Pattern SQL = Pattern.compile(".*\\.(?:sql|ddl|dml|psql|pgsql|mysql|hql|cql)$");
    private static final Pattern SHELL = Pattern.compile(".*\\.(?:sh|bash|zsh|ksh|fish|ps1|psm1|bat|cmd)$");
    private static final Pattern CONFIG = Pattern.compile(
            ".*\\.(?:ya?ml|json5?|jsonc|toml|ini|cfg|conf|config|xml|properties|env|editorconfig|plist|tf|tfvars|hcl|nix)$");
    /** Tool configuration written as code: {@code jest.config.js}, {@code .eslintrc.cjs}, {@code karma.conf.js}. */
    private static final Pattern CODE_CONFIG = Pattern.compile("(?:.+\\.config|.+\\.conf|\\.[\\w.-]+)\\.[cm]?[jt]s");
    /** Sphinx's build configuration. */
    private static final Pattern SPHINX_CONF = Pattern.compile("(?:^|.*/)docs?/(?:source/)?conf\\.py");

    private static final Pattern DOCS =
            Pattern.compile(".*\\.(?:md|markdown|mdx|rst|txt|adoc|asciidoc|org|textile|rtf)$"
                    + "|readme|license|licence|changelog|changes|authors|contributors|notice|copying|history");
    private static final Pattern TYPE_STUBS = Pattern.compile(".*\\.pyi|.*\\.d\\.[cm]?ts");
    private static final Pattern SCHEMA = Pattern.compile(".*\\.(?:proto|graphql|gql|avsc|thrift|xsd|prisma)$");
    private static final Pattern MARKUP = Pattern.compile(".*\\.(?:html?|css|scss|sass|less|svg|xhtml)$");

    private UntestableFiles() {}

    /**
     * The rule that makes a file untestable ({@code build-file}, {@code lock-file}, {@code sql}, {@code shell},
     * {@code config}, {@code docs}, {@code type-stubs}, {@code schema}, {@code markup}), or empty for code.
     */
    public static Optional<String> rule(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (LOCK_FILE.matcher(name).matches()) {
            return Optional.of("lock-file");
        }
        if (BUILD_NAMES.contains(name)
                || BUILD_EXTENSIONS.matcher(name).matches()
                || DOCKERFILE.matcher(name).matches()
                || REQUIREMENTS.matcher(name).matches()) {
            return Optional.of("build-file");
        }
        if (SQL.matcher(name).matches()) {
            return Optional.of("sql");
        }
        if (SHELL.matcher(name).matches()) {
            return Optional.of("shell");
        }
        if (TYPE_STUBS.matcher(name).matches()) {
            return Optional.of("type-stubs");
        }
        if (CONFIG.matcher(name).matches()
                || CODE_CONFIG.matcher(name).matches()
                || SPHINX_CONF.matcher(path.toLowerCase(Locale.ROOT)).matches()) {
            return Optional.of("config");
        }
        if (DOCS.matcher(name).matches()) {
            return Optional.of("docs");
        }
        if (SCHEMA.matcher(name).matches()) {
            return Optional.of("schema");
        }
        if (MARKUP.matcher(name).matches()) {
            return Optional.of("markup");
        }
        return Optional.empty();
    }

    /** As {@link #rule(String)}, also by language id: a shell or SQL file without a telling extension. */
    public static Optional<String> rule(String path, String language) {
        Optional<String> byName = rule(path);
        if (byName.isPresent()) {
            return byName;
        }
        return switch (language) {
            case "shell", "powershell" -> Optional.of("shell");
            case "sql" -> Optional.of("sql");
            case "make", "dockerfile" -> Optional.of("build-file");
            case "terraform" -> Optional.of("config");
            case "protobuf" -> Optional.of("schema");
            default -> Optional.empty();
        };
    }
}
