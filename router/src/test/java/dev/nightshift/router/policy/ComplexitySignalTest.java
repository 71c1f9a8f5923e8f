package dev.nightshift.router.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComplexitySignalTest {
    @Test
    void countsConditionsLoopsCasesCatchesAndBooleanOperators() {
        String code = """
                int f(int a, int b) {
                    if (a > 0 && b > 0) { return 1; }
                    for (int i = 0; i < a; i++) { while (b-- > 0 || a < 3) { } }
                    switch (a) { case 1: break; case 2: break; }
                    try { g(); } catch (Exception e) { }
                    return a > b ? a : b;
                }
                """;

        // if, &&, for, while, ||, case, case, catch, ?
        assertThat(ComplexitySignal.of(code)).isEqualTo(9);
    }

    @Test
    void straightLineCodeHasNoBranches() {
        assertThat(ComplexitySignal.of("int x = 1; x = x + 2; return x;")).isZero();
        assertThat(ComplexitySignal.of("")).isZero();
    }

    @Test
    void doesNotCountWordsThatMerelyContainAKeyword() {
        assertThat(ComplexitySignal.of("gift forever modified whiled")).isZero();
    }
}
