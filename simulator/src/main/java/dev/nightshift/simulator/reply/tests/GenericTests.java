package dev.nightshift.simulator.reply.tests;

import dev.nightshift.simulator.reply.Defect;
import java.util.List;
import java.util.Random;

/** A language without a runnable writer: an outline of the cases a test would have, one comment line each. */
final class GenericTests extends LanguageWriter {
    GenericTests(TestJob job) {
        super(job);
    }

    @Override
    List<Fact> facts() {
        List<dev.nightshift.simulator.reply.Declaration> decls =
                dev.nightshift.simulator.reply.CodeOutline.declarations(job.code(), job.language());
        List<Fact> facts = new java.util.ArrayList<>();
        for (dev.nightshift.simulator.reply.Declaration d : decls) {
            facts.add(Fact.available(d.name(), d.name()));
        }
        if (facts.isEmpty()) {
            String path = job.unitPath() == null ? "unit" : job.unitPath();
            String base = path.substring(path.lastIndexOf('/') + 1)
                    .replaceAll("\\..*$", "")
                    .replaceAll("\\W", "_");
            facts.add(Fact.available(base.isEmpty() ? "unit" : base, base));
        }
        return facts;
    }

    @Override
    String name(Fact fact, boolean flaky) {
        return fact.subject() + (flaky ? " is fast enough" : " behaves as documented");
    }

    @Override
    WrittenTest render(List<Case> cases, Defect defect, Random variant) {
        Lines out = new Lines();
        for (Case c : cases) {
            out.startCase(c.name());
            out.add("# test: " + c.name());
            out.endCase();
        }
        return out.done();
    }
}
