package dev.nightshift.bench.harness;

/** A small Java class of ~180 o200k tokens, distinct per {@code i}: the unit of the benchmarks' synthetic jobs. */
public final class SyntheticJava {
    private SyntheticJava() {}

    public static String invoiceClass(int i) {
        return "package com.acme.billing;\n\nimport java.math.BigDecimal;\nimport java.util.List;\n\n"
                + "/** Totals invoice lines for the monthly report. */\npublic final class Invoice" + i + " {\n"
                + "    /** Sums the first lines, each scaled by the tax rate. */\n"
                + "    public BigDecimal total(List<BigDecimal> lines, int limit) {\n"
                + "        BigDecimal total = BigDecimal.ZERO;\n"
                + "        for (int k = 0; k < Math.min(limit, lines.size()); k++) {\n"
                + "            total = total.add(lines.get(k).multiply(BigDecimal.valueOf(" + (i % 997) + ")));\n"
                + "        }\n        return total;\n    }\n}\n";
    }
}
