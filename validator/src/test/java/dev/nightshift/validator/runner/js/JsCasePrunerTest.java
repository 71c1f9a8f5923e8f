package dev.nightshift.validator.runner.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsCasePrunerTest {
    private static final String SOURCE = """
            const { sign } = require('../lib/sign');
            // it('commented out', () => { (
            describe('sign', () => {
              const weird = /\\)(/g;
              it.only("keeps \\"quoted\\" titles", () => {
                expect(`a ${sign(1) + ')'} b`).toBe('a 1) b');
              });

              it('fails', async () => {
                expect(sign(2) / 2).toBe(5); // )
              });
              describe(`inner`, () => {
                test('fails', () => { expect(1).toBe(2); }); test('stays', () => {});
              });
            });
            """;

    @Test
    void findsEachSuiteAndCaseByItsTitlePathPastCommentsStringsTemplatesAndRegexes() {
        assertThat(JsCasePruner.calls(SOURCE))
                .extracting(JsCasePruner.Call::path)
                .containsExactly(
                        List.of("sign"),
                        List.of("sign", "keeps \"quoted\" titles"),
                        List.of("sign", "fails"),
                        List.of("sign", "inner"),
                        List.of("sign", "inner", "fails"),
                        List.of("sign", "inner", "stays"));
    }

    @Test
    void removesWholeLinesOfAFailingCaseAndOnlyTheCallWhereOthersShareTheLine() {
        String pruned = JsCasePruner.remove(
                        SOURCE, List.of(List.of("sign", "fails"), List.of("sign", "inner", "fails")))
                .orElseThrow();

        assertThat(pruned)
                .doesNotContain("toBe(5)")
                .doesNotContain("toBe(2)")
                .contains("  it.only(\"keeps", "    test('stays', () => {});\n", "describe(`inner`");
        assertThat(JsCasePruner.calls(pruned))
                .extracting(JsCasePruner.Call::path)
                .containsExactly(
                        List.of("sign"),
                        List.of("sign", "keeps \"quoted\" titles"),
                        List.of("sign", "inner"),
                        List.of("sign", "inner", "stays"));
    }

    @Test
    void prunesNothingWhenAFailingCaseHasNoLiteralTitle() {
        String source = """
                for (const n of [1, 2]) {
                  it(`handles ${n}`, () => {});
                }
                it('fine', () => {});
                """;

        assertThat(JsCasePruner.remove(source, List.of(List.of("handles 2")))).isEmpty();
        assertThat(JsCasePruner.calls(source))
                .extracting(JsCasePruner.Call::path)
                .containsExactly(List.of("fine"));
    }

    @Test
    void aMemberCallNamedTestIsNotACase() {
        assertThat(JsCasePruner.calls("t.test('sub', () => {}); /x/.test('y');"))
                .isEmpty();
    }
}
