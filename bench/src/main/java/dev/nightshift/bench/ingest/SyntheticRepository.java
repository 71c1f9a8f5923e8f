package dev.nightshift.bench.ingest;

import dev.nightshift.testkit.RawRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * A synthetic repository written straight into git's object database (no working tree, so building 50,000
 * files takes seconds): realistic code in Java, Python, TypeScript, Go and Rust, about 5% binaries and a
 * vendored {@code node_modules} folder of about 10% of the files, 40 files per folder.
 */
final class SyntheticRepository {
    private static final int FILES_PER_FOLDER = 40;
    private static final String[] WORDS = {
        "order",
        "customer",
        "invoice",
        "ledger",
        "price",
        "amount",
        "total",
        "account",
        "payment",
        "refund",
        "tax",
        "currency",
        "balance",
        "report",
        "batch",
        "window",
        "limit",
        "retry",
        "cache",
        "store"
    };

    private SyntheticRepository() {}

    /** Builds a repository of {@code files} files at {@code dir} and returns the commit id. */
    static String build(Path dir, int files, long seed) {
        Random random = new Random(seed);
        return RawRepository.commit(dir, "synthetic", inserter -> {
            int vendored = files / 10;
            int own = files - vendored;
            TreeFormatter root = new TreeFormatter();
            root.append("node_modules", FileMode.TREE, folders(inserter, random, vendored, "lib", true));
            root.append("src", FileMode.TREE, folders(inserter, random, own, "pkg", false));
            return inserter.insert(root);
        });
    }

    private static ObjectId folders(ObjectInserter inserter, Random random, int files, String prefix, boolean vendored)
            throws IOException {
        List<String> names = new ArrayList<>();
        List<ObjectId> ids = new ArrayList<>();
        int folder = 0;
        for (int start = 0; start < files; start += FILES_PER_FOLDER) {
            TreeFormatter tree = new TreeFormatter();
            List<String[]> entries = new ArrayList<>();
            for (int i = start; i < Math.min(files, start + FILES_PER_FOLDER); i++) {
                entries.add(file(random, i, vendored));
            }
            entries.sort((a, b) -> a[0].compareTo(b[0]));
            for (String[] e : entries) {
                byte[] content = e[1] == null ? binary(random) : e[1].getBytes(StandardCharsets.UTF_8);
                tree.append(e[0], FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, content));
            }
            names.add(String.format("%s%05d", prefix, folder++));
            ids.add(inserter.insert(tree));
        }
        TreeFormatter parent = new TreeFormatter();
        for (int i = 0; i < names.size(); i++) {
            parent.append(names.get(i), FileMode.TREE, ids.get(i));
        }
        return inserter.insert(parent);
    }

    /** (name, text) — text {@code null} for a binary. */
    private static String[] file(Random random, int i, boolean vendored) {
        if (!vendored && random.nextInt(20) == 0) {
            return new String[] {"asset" + i + ".png", null};
        }
        String noun = WORDS[random.nextInt(WORDS.length)];
        String name = Character.toUpperCase(noun.charAt(0)) + noun.substring(1) + i;
        int functions = 3 + random.nextInt(12);
        return switch (vendored ? 2 : random.nextInt(5)) {
            case 0 -> new String[] {name + ".java", java(random, name, functions)};
            case 1 -> new String[] {noun + "_" + i + ".py", python(random, functions)};
            case 2 -> new String[] {noun + i + ".ts", typescript(random, functions)};
            case 3 -> new String[] {noun + i + ".go", go(random, functions)};
            default -> new String[] {noun + "_" + i + ".rs", rust(random, functions)};
        };
    }

    private static String word(Random r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    private static String java(Random r, String name, int functions) {
        StringBuilder sb = new StringBuilder(
                "package com.acme.synthetic;\n\nimport java.util.List;\nimport java.math.BigDecimal;\n\n");
        sb.append("/** Computes ")
                .append(word(r))
                .append(" figures for the ")
                .append(word(r))
                .append(" report. */\n");
        sb.append("public final class ").append(name).append(" {\n");
        for (int f = 0; f < functions; f++) {
            String a = word(r);
            String b = word(r);
            sb.append("    /** Returns the ")
                    .append(a)
                    .append(" adjusted by the ")
                    .append(b)
                    .append(". */\n")
                    .append("    public BigDecimal ")
                    .append(a)
                    .append(f)
                    .append("(List<BigDecimal> ")
                    .append(b)
                    .append("s, int limit) {\n")
                    .append("        BigDecimal total = BigDecimal.ZERO;\n")
                    .append("        for (int i = 0; i < Math.min(limit, ")
                    .append(b)
                    .append("s.size()); i++) {\n")
                    .append("            total = total.add(")
                    .append(b)
                    .append("s.get(i).multiply(BigDecimal.valueOf(")
                    .append(r.nextInt(1000))
                    .append(")));\n")
                    .append("        }\n        return total;\n    }\n\n");
        }
        return sb.append("}\n").toString();
    }

    private static String python(Random r, int functions) {
        StringBuilder sb = new StringBuilder("import math\nfrom typing import List\n\n\n");
        for (int f = 0; f < functions; f++) {
            String a = word(r);
            sb.append("def ")
                    .append(a)
                    .append('_')
                    .append(f)
                    .append("(values: List[float], limit: int) -> float:\n")
                    .append("    \"\"\"Sums the first values of the ")
                    .append(word(r))
                    .append(" series.\"\"\"\n")
                    .append("    total = 0.0\n    for v in values[:limit]:\n        total += v * ")
                    .append(r.nextInt(1000))
                    .append("\n    return math.floor(total)\n\n\n");
        }
        return sb.toString();
    }

    private static String typescript(Random r, int functions) {
        StringBuilder sb = new StringBuilder("import { Money } from './money';\n\n");
        for (int f = 0; f < functions; f++) {
            String a = word(r);
            sb.append("/** Totals the ")
                    .append(a)
                    .append(" lines. */\nexport function ")
                    .append(a)
                    .append(f)
                    .append("(lines: Money[], limit: number): number {\n  let total = 0;\n")
                    .append("  for (const line of lines.slice(0, limit)) {\n    total += line.cents * ")
                    .append(r.nextInt(1000))
                    .append(";\n  }\n  return total;\n}\n\n");
        }
        return sb.toString();
    }

    private static String go(Random r, int functions) {
        StringBuilder sb = new StringBuilder("package synthetic\n\nimport \"fmt\"\n\n");
        for (int f = 0; f < functions; f++) {
            String a = word(r);
            sb.append("// ")
                    .append(a)
                    .append(f)
                    .append(" totals the ")
                    .append(word(r))
                    .append(" values.\nfunc ")
                    .append(Character.toUpperCase(a.charAt(0)))
                    .append(a.substring(1))
                    .append(f)
                    .append(
                            "(values []int, limit int) string {\n\ttotal := 0\n\tfor i := 0; i < limit && i < len(values); i++ {\n")
                    .append("\t\ttotal += values[i] * ")
                    .append(r.nextInt(1000))
                    .append("\n\t}\n\treturn fmt.Sprint(total)\n}\n\n");
        }
        return sb.toString();
    }

    private static String rust(Random r, int functions) {
        StringBuilder sb = new StringBuilder("use std::collections::HashMap;\n\n");
        for (int f = 0; f < functions; f++) {
            String a = word(r);
            sb.append("/// Totals the ")
                    .append(a)
                    .append(" entries.\npub fn ")
                    .append(a)
                    .append('_')
                    .append(f)
                    .append("(values: &HashMap<String, i64>, limit: usize) -> i64 {\n")
                    .append("    values.values().take(limit).map(|v| v * ")
                    .append(r.nextInt(1000))
                    .append(").sum()\n}\n\n");
        }
        return sb.toString();
    }

    private static byte[] binary(Random r) {
        byte[] b = new byte[2048 + r.nextInt(8192)];
        r.nextBytes(b);
        b[0] = (byte) 0x89;
        b[1] = 0;
        return b;
    }
}
