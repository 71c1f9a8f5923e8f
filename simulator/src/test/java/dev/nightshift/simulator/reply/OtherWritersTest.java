package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writers this build cannot run (Go, Vitest) and the outline for other languages, read as text. */
class OtherWritersTest {
    private static final String GO = """
            package calc

            import "errors"

            // Add adds.
            func Add(a, b int) int {
            	return a + b
            }

            func Divide(a, b float64) (float64, error) {
            	if b == 0 {
            		return 0, errors.New("division by zero")
            	}
            	return a / b, nil
            }

            type Counter struct {
            	n int
            }

            func (c *Counter) Inc() int {
            	c.n++
            	return c.n
            }
            """;

    private static TestsWriter.TestReply reply(String prompt, TestDefects defects) {
        return TestsWriter.reply(PromptReader.read(prompt), new SimulatedModel("gpt-4o-mini", defects, 3));
    }

    @Test
    void writesAGoTestInThePackageWithValuesAndTheErrorGuard() {
        TestTarget target =
                WorkerPrompts.target("calc/calc_test.go", "Calc", TestFramework.GO_TEST, "calc/calc.go", "", List.of());
        String source = reply(WorkerPrompts.tests("calc/calc.go", "go", target, GO), TestDefects.NONE)
                .source();
        assertThat(source)
                .startsWith("package calc\n")
                .contains("\"testing\"")
                .contains("func TestCalc_AddReturnsExpectedValue(t *testing.T) {")
                .contains("got := Add(6, 3)")
                .contains("if got != 9 {")
                .contains("got, err := Divide(6.0, 3.0)")
                .contains("math.Abs(float64(got)-2.0) > 1e-9")
                .contains("if _, err := Divide(6.0, 0.0); err == nil {")
                .contains("counter := &Counter{}");
    }

    @Test
    void aGoBuildErrorIsAnUnusedImportOrAnUndefinedName() {
        TestTarget target =
                WorkerPrompts.target("calc/calc_test.go", "Calc", TestFramework.GO_TEST, "calc/calc.go", "", List.of());
        String prompt = WorkerPrompts.tests("calc/calc.go", "go", target, GO);
        String clean = reply(prompt, TestDefects.NONE).source();
        String broken = reply(prompt, new TestDefects(1.0, 0.0, 0.0, 0.0, 1.0)).source();
        assertThat(broken).isNotEqualTo(clean);
        // an import Go refuses because nothing uses it, or the first name misspelt
        assertThat(broken).satisfiesAnyOf(s -> assertThat(s).contains("\t\"fmt\"\n"), s -> assertThat(s)
                .contains("_ = Coutner{}"));
    }

    @Test
    void writesAVitestFileReachingCommonJsThroughCreateRequire() {
        TestTarget target = WorkerPrompts.target(
                "test/greet.test.js",
                "greet",
                TestFramework.VITEST,
                Units.CJS_PATH,
                "const { greet, add, divide, Counter } = require('../lib/greet')",
                List.of());
        String source = reply(WorkerPrompts.tests(Units.CJS_PATH, "javascript", target, Units.CJS), TestDefects.NONE)
                .source();
        assertThat(source)
                .startsWith("import { describe, it, expect } from 'vitest';\n")
                .contains("const require = createRequire(import.meta.url);")
                .contains("const { greet, add, divide, Counter } = require('../lib/greet');")
                .contains("expect(() => divide(6, 0)).toThrow(RangeError);");
    }

    @Test
    void anotherLanguageGetsAnOutlineOfCases() {
        String kotlin = "class Greeter {\n    fun greet(name: String) = \"Hello, $name\"\n}\n";
        TestTarget target = WorkerPrompts.target(
                "src/test/kotlin/GreeterTest.kt",
                "GreeterTest",
                TestFramework.JUNIT5,
                "src/main/kotlin/Greeter.kt",
                "",
                List.of());
        TestsWriter.TestReply reply =
                reply(WorkerPrompts.tests("src/main/kotlin/Greeter.kt", "kotlin", target, kotlin), TestDefects.NONE);
        assertThat(reply.text()).contains("```kotlin\n");
        assertThat(reply.source())
                .contains("# test: Greeter behaves as documented")
                .contains("# test: greet behaves as documented");
    }
}
