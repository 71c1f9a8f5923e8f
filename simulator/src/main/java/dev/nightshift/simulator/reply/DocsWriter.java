package dev.nightshift.simulator.reply;

/** The simulated model writing documentation: the document the prompt's level asks for. */
final class DocsWriter {
    private DocsWriter() {}

    static String write(UnitPrompt unit, SimulatedModel model) {
        DocsSpec spec = unit.docs();
        if (spec == null) {
            return OutlineDoc.write(unit);
        }
        return switch (spec.level()) {
            case FILE -> FileDoc.write(unit, spec, model);
            case FOLDER -> FolderDoc.write(unit, spec);
            case REPOSITORY -> ArchitectureDoc.write(unit, spec);
        };
    }
}
