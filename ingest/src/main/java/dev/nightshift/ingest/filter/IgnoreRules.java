package dev.nightshift.ingest.filter;

import dev.nightshift.ingest.snapshot.PathFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Extra exclusions with {@code .gitignore} semantics (JGit's own matcher): patterns from the config's
 * {@code ingest.ignore} list, then the {@code .nightshiftignore} file at the root of the snapshot. Later
 * rules win, and {@code !pattern} re-includes, as in git; a file inside an excluded folder cannot be
 * re-included, as in git. Only the root {@code .nightshiftignore} is read (patterns may name any depth).
 */
public final class IgnoreRules implements PathFilter {
    public static final String FILE_NAME = ".nightshiftignore";

    private final IgnoreNode config;
    private final IgnoreNode file;

    private IgnoreRules(IgnoreNode config, IgnoreNode file) {
        this.config = config;
        this.file = file;
    }

    /** @param nightshiftIgnore the root {@code .nightshiftignore} text, or {@code null} when there is none */
    public static IgnoreRules of(List<String> configPatterns, String nightshiftIgnore) {
        return new IgnoreRules(
                parse(String.join("\n", configPatterns)), parse(nightshiftIgnore == null ? "" : nightshiftIgnore));
    }

    @Override
    public Optional<String> exclude(String path, boolean directory) {
        // The file is the more specific source (it lives with the code), so it may re-include what config excludes.
        Boolean byFile = file.checkIgnored(path, directory);
        if (byFile != null) {
            return byFile ? Optional.of("ignored:" + FILE_NAME) : Optional.empty();
        }
        return Boolean.TRUE.equals(config.checkIgnored(path, directory))
                ? Optional.of("ignored:config")
                : Optional.empty();
    }

    private static IgnoreNode parse(String text) {
        IgnoreNode node = new IgnoreNode();
        try {
            node.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse ignore patterns", e);
        }
        return node;
    }
}
