package dev.nightshift.testkit;

/** Source files of a given shape for planning and end-to-end tests. */
public final class SampleSources {
    private SampleSources() {}

    /**
     * One public Java class {@code shop.Ledger} with {@code methods} documented public methods {@code figure0…}: about
     * 65 tokens a method, so 1,500 methods make a class of about 100,000 tokens.
     */
    public static String hugeJavaClass(int methods) {
        StringBuilder code = new StringBuilder("package shop;\n\nimport java.util.List;\n\n/** Keeps the books. */\n"
                + "public final class Ledger {\n");
        for (int i = 0; i < methods; i++) {
            code.append("    /** Adds the ")
                    .append(i)
                    .append("th figure of the quarterly report to the running balance. */\n")
                    .append("    public long figure")
                    .append(i)
                    .append("(long balance, List<Long> entries) {\n")
                    .append("        long sum = balance + ")
                    .append(i * 31)
                    .append("L;\n")
                    .append("        for (long e : entries) {\n            sum += e * ")
                    .append(i % 7 + 1)
                    .append(";\n        }\n")
                    .append("        return sum;\n    }\n\n");
        }
        return code.append("}\n").toString();
    }
}
