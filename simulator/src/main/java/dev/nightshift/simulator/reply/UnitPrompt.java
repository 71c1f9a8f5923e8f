package dev.nightshift.simulator.reply;

import dev.nightshift.core.job.TaskType;

/**
 * What the simulator understood of a prompt: the chore, the unit's path and language, and its code.
 *
 * @param path     the unit's path as the prompt named it, or {@code unit} when it named none
 * @param language a lowercase language id ({@code "java"}, {@code "python"}…), or {@code "text"}
 * @param code     the first fenced block: the code of a file, or the child documents of a folder or repository
 * @param test     the test's place and shape when the prompt states them, else null
 * @param repair   the repair (tests) or review (docs) round when the prompt is one, else null
 * @param firstTry the prompt without its repair section: the same text for a first try and its repairs
 * @param docs     the documentation level and what it states, for a docs prompt of the documentation hierarchy;
 *                 null for any other prompt, which gets the plain outline document
 */
public record UnitPrompt(
        TaskType task,
        String path,
        String language,
        String code,
        TestSpec test,
        RepairSpec repair,
        String firstTry,
        DocsSpec docs) {
    public UnitPrompt {
        firstTry = firstTry == null ? "" : firstTry;
    }

    public UnitPrompt(
            TaskType task,
            String path,
            String language,
            String code,
            TestSpec test,
            RepairSpec repair,
            String firstTry) {
        this(task, path, language, code, test, repair, firstTry, null);
    }

    public UnitPrompt(TaskType task, String path, String language, String code) {
        this(task, path, language, code, null, null, "", null);
    }

    /** The file name without folders, e.g. {@code Foo.java}. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The file name without its extension, e.g. {@code Foo}. */
    public String baseName() {
        String name = fileName();
        int dot = name.indexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /** The folders above the file, e.g. {@code src/main/java/shop}, or an empty text at the root. */
    public String folder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
