package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArtifactWriterTest {
    private static final String JS = "File: lib/math.js\n```javascript\nfunction add(a, b) { return a + b; }\n"
            + "const mul = (a, b) => a * b;\nclass Calculator {}\nmodule.exports = { add, mul, Calculator };\n```";

    @Test
    void writesADocumentWithASectionPerTopLevelDeclaration() {
        // Given a docs prompt for a JavaScript file
        // When the artifact is written
        String doc = ArtifactWriter.write("Write documentation for this file.\n" + JS);

        // Then it is Markdown titled with the path, with an overview and a section per declaration
        assertThat(doc)
                .startsWith("# `lib/math.js`\n")
                .contains("## Overview")
                .contains("JavaScript")
                .contains("`function add`")
                .contains("`function mul`")
                .contains("`class Calculator`");
    }

    @Test
    void writesATestFileInTheUnitsLanguage() {
        // Given a tests prompt for the same file
        // When the artifact is written
        String tests = ArtifactWriter.write("Write unit tests for this file.\n" + JS);

        // Then it is one fenced JavaScript block exercising each function
        assertThat(tests)
                .contains("```javascript\n")
                .contains("require('./math')")
                .contains("describe('math'")
                .contains("it('add")
                .contains("it('mul");
        assertThat(tests.split("```", -1)).hasSize(3);
    }

    @Test
    void outlinesJavaTypesAndMethodsButNotStatements() {
        // Given Java code with a type, methods and statements
        String code =
                "package a;\n\npublic final class Box<T> {\n    private final T v;\n\n    public Box(T v) { this.v = v; }\n\n"
                        + "    public T get() {\n        return v;\n    }\n\n    static <U> Box<U> of(U u) { return new Box<>(u); }\n}\n";

        // When outlined
        // Then the class and its methods are found, statements are not
        assertThat(CodeOutline.declarations(code, "java"))
                .extracting(Declaration::name)
                .containsExactly("Box", "get", "of");
    }

    @Test
    void outlinesGoRustAndPython() {
        assertThat(CodeOutline.declarations(
                        "type Server struct {}\nfunc (s *Server) Start() error {}\nfunc main() {}\n", "go"))
                .extracting(Declaration::name)
                .containsExactly("Server", "Start", "main");
        assertThat(CodeOutline.declarations(
                        "pub struct P;\nimpl P {\n    pub fn new() -> P { P }\n}\nfn helper() {}\n", "rust"))
                .extracting(Declaration::name)
                .containsExactly("P", "new", "helper");
        assertThat(CodeOutline.declarations(
                        "class A:\n    def m(self):\n        pass\n\nasync def run():\n    pass\n", "python"))
                .extracting(Declaration::name)
                .containsExactly("A", "m", "run");
    }
}
