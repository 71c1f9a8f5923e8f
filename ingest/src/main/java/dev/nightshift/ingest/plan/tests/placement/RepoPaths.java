package dev.nightshift.ingest.plan.tests.placement;

import java.util.ArrayList;
import java.util.List;

/** '/'-separated repository paths: folders, names, joins and relative paths; the root folder is {@code ""}. */
final class RepoPaths {
    private RepoPaths() {}

    static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The name without its last extension ({@code foo.test.js} → {@code foo.test}). */
    static String stem(String path) {
        String name = name(path);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    static String extension(String path) {
        String name = name(path);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1);
    }

    static String join(String folder, String relative) {
        String rel = relative;
        while (rel.startsWith("./")) {
            rel = rel.substring(2);
        }
        if (rel.equals(".")) {
            rel = "";
        }
        if (rel.endsWith("/")) {
            rel = rel.substring(0, rel.length() - 1);
        }
        if (folder.isEmpty()) {
            return rel;
        }
        return rel.isEmpty() ? folder : folder + "/" + rel;
    }

    /** Whether {@code path} is {@code folder} or inside it. */
    static boolean within(String path, String folder) {
        return folder.isEmpty() || path.equals(folder) || path.startsWith(folder + "/");
    }

    /** {@code path} relative to {@code folder}, which must contain it. */
    static String under(String path, String folder) {
        return folder.isEmpty() ? path : path.equals(folder) ? "" : path.substring(folder.length() + 1);
    }

    /** The folder and every folder above it, nearest first, the root last. */
    static List<String> upward(String folder) {
        List<String> chain = new ArrayList<>();
        String f = folder;
        while (true) {
            chain.add(f);
            if (f.isEmpty()) {
                return chain;
            }
            f = folder(f);
        }
    }

    /** The relative path from a folder to a file, as an import names it: {@code ./x} or {@code ../lib/x}. */
    static String relative(String fromFolder, String toPath) {
        String[] from = fromFolder.isEmpty() ? new String[0] : fromFolder.split("/");
        String[] to = toPath.split("/");
        int common = 0;
        while (common < from.length && common < to.length - 1 && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < from.length; i++) {
            sb.append("../");
        }
        if (sb.length() == 0) {
            sb.append("./");
        }
        for (int i = common; i < to.length; i++) {
            sb.append(to[i]).append(i < to.length - 1 ? "/" : "");
        }
        return sb.toString();
    }
}
