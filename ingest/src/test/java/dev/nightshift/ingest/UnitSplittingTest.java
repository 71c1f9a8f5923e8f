package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.unit.FileUnits;
import dev.nightshift.ingest.unit.Unit;
import dev.nightshift.ingest.unit.UnitSplitters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each language's top-level units, with their line ranges (1-based, inclusive). */
class UnitSplittingTest {

    private static FileUnits split(String path, String language, String text) {
        return UnitSplitters.split(new SourceFile(path, language, text));
    }

    private static List<String> ranges(FileUnits units) {
        return units.units().stream()
                .map(u -> u.kind() + " " + u.name() + " " + u.startLine() + "-" + u.endLine())
                .toList();
    }

    @Test
    void javaUnitsComeFromTheParserWithJavadocMembersAndTrivialAccessors() {
        // Given
        String java = """
                package com.acme;

                import java.util.List;

                /** A greeter. */
                public class Greeter {
                    private String name;

                    public String getName() {
                        return name;
                    }

                    public String greet(List<String> names) {
                        return "Hello, " + String.join(", ", names);
                    }
                }

                @FunctionalInterface
                interface Namer {
                    String name();
                }
                """;

        // When
        FileUnits units = split("src/Greeter.java", "java", java);

        // Then
        assertThat(units.parsed()).isTrue();
        assertThat(ranges(units)).containsExactly("class Greeter 5-16", "interface Namer 18-21");
        assertThat(units.header()).isEqualTo("package com.acme;\nimport java.util.List;\n");
        Unit greeter = units.units().get(0);
        assertThat(greeter.members())
                .extracting(Unit::name, Unit::trivial, Unit::startLine, Unit::endLine)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("getName", true, 9, 11),
                        org.assertj.core.groups.Tuple.tuple("greet", false, 13, 15));
        assertThat(greeter.trivial()).isFalse();
        assertThat(units.units().get(1).trivial()).isTrue();
        assertThat(greeter.members().get(1).signature()).isEqualTo("public String greet(List<String> names)");
        assertThat(greeter.text())
                .startsWith("/** A greeter. */\npublic class Greeter {")
                .endsWith("}\n");
        assertThat(greeter.tokens()).isEqualTo(TokenCounter.count(greeter.text()));
        assertThat(greeter.contentHash()).isEqualTo(JobIds.contentHash(greeter.text()));
    }

    @Test
    void javaThatDoesNotParseFallsBackToTheStructuralSplitter() {
        // Given
        String broken = """
                public class Broken {
                    void f() { int x = ; }
                }
                """;

        // When
        FileUnits units = split("Broken.java", "java", broken);

        // Then
        assertThat(units.parsed()).isFalse();
        assertThat(ranges(units)).containsExactly("class Broken 1-3");
    }

    @Test
    void kotlinFunctionsClassesAndExpressionBodies() {
        String kotlin = """
                package acme

                import kotlin.math.max

                data class Point(val x: Int, val y: Int)

                fun Point.norm(): Int = max(x, y)

                /** Doubles. */
                fun double(x: Int): Int {
                    val s = "}"
                    return x * 2
                }
                """;
        assertThat(ranges(split("a.kt", "kotlin", kotlin)))
                .containsExactly("class Point 5-5", "function norm 7-7", "function double 9-13");
    }

    @Test
    void pythonDefsAndClassesWithDecoratorsAndDocstrings() {
        String python = """
                import os
                from typing import List

                @cache
                def load(path):
                    \"\"\"Loads.
                Unindented docstring line.
                \"\"\"
                    return open(path).read()


                class Store:
                    def get(self, k):
                        return k

                if __name__ == "__main__":
                    load("x")
                """;
        FileUnits units = split("a.py", "python", python);
        assertThat(ranges(units)).containsExactly("function load 4-9", "class Store 12-14");
        assertThat(units.header()).isEqualTo("import os\nfrom typing import List\n");
    }

    @Test
    void javascriptFunctionsClassesAndArrowConstants() {
        String js = """
                import { a } from './a.js';

                // Adds.
                export function add(x, y) {
                  return `${x + y}}`;
                }

                export const twice = (x) => {
                  return { v: x * 2 };
                };

                export default class Box {
                  get() { return '}'; }
                }
                """;
        assertThat(ranges(split("a.js", "javascript", js)))
                .containsExactly("function add 3-6", "variable twice 8-10", "class Box 12-14");
    }

    @Test
    void javascriptFunctionsAssignedToPropertiesAndAnonymousDefaultExportsAreUnits() {
        String js = """
                const api = {};

                api.fetchUser = async function (id) {
                  return http.get(`/users/${id}`);
                };

                exports.parse = (text) => JSON.parse(text);

                module.exports.format = function format(value) {
                  return String(value);
                };

                Widget.prototype.render = function () {
                  return '<div/>';
                };

                export const double = (x) => x * 2;

                export default (a, b) => a + b;

                module.exports = {
                  add(a, b) { return a + b; },
                };

                app.listen(3000);
                api.retries = 3;
                """;
        assertThat(ranges(split("lib/api.js", "javascript", js)))
                .containsExactly(
                        "variable api 1-1",
                        "function api.fetchUser 3-5",
                        "function parse 7-7",
                        "function format 9-11",
                        "function Widget.prototype.render 13-15",
                        "variable double 17-17",
                        "function default 19-19",
                        "variable module.exports 21-23");
    }

    @Test
    void anAnonymousDefaultClassAndAClassAssignedToModuleExports() {
        assertThat(ranges(split("a.js", "javascript", "export default class extends Base {\n  run() {}\n}\n")))
                .containsExactly("class default 1-3");
        assertThat(ranges(split("b.js", "javascript", "module.exports = class Queue {\n  push(x) {}\n};\n")))
                .containsExactly("class module.exports 1-3");
    }

    @Test
    void pythonOverloadStubsAndTheirImplementationAreOneUnit() {
        String python = """
                from typing import overload
                import typing


                @overload
                def parse(value: int) -> int: ...
                @overload
                def parse(value: str) -> str: ...
                def parse(value):
                    return value


                @typing.overload
                def only_stubs(x: int) -> int: ...


                def other():
                    return 1
                """;
        FileUnits units = split("a.py", "python", python);
        assertThat(ranges(units))
                .containsExactly("function parse 5-10", "overload only_stubs 13-14", "function other 17-18");
        assertThat(units.units().get(0).signature()).isEqualTo("def parse(value)");
        assertThat(units.units().get(0).text())
                .startsWith("@overload\ndef parse(value: int)")
                .endsWith("    return value\n");
    }

    @Test
    void typescriptInterfacesTypesAndFunctions() {
        String ts = """
                export interface Shape {
                  area(): number;
                }

                export type Id = string;

                export async function area(s: Shape): Promise<number> {
                  return s.area();
                }
                """;
        assertThat(ranges(split("a.ts", "typescript", ts)))
                .containsExactly("interface Shape 1-3", "type Id 5-5", "function area 7-9");
    }

    @Test
    void goFunctionsMethodsAndTypes() {
        String go = """
                package shapes

                import (
                	"fmt"
                )

                // Square is a square.
                type Square struct {
                	Side float64
                }

                func (s *Square) Area() float64 {
                	return s.Side * s.Side
                }

                func Describe(s Square) string {
                	return fmt.Sprintf(`{%v}`, s.Side)
                }
                """;
        assertThat(ranges(split("a.go", "go", go)))
                .containsExactly("type Square 7-10", "function Area 12-14", "function Describe 16-18");
    }

    @Test
    void rustItemsWithAttributesAndLifetimes() {
        String rust = """
                use std::fmt;

                #[derive(Debug)]
                pub struct Point<'a> {
                    name: &'a str,
                }

                impl<'a> fmt::Display for Point<'a> {
                    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        write!(f, "{}", self.name)
                    }
                }

                pub fn origin() -> char {
                    '{'
                }
                """;
        assertThat(ranges(split("a.rs", "rust", rust)))
                .containsExactly("struct Point 3-6", "impl fmt::Display 8-12", "function origin 14-16");
    }

    @Test
    void cFunctionsAndStructsButNotPrototypes() {
        String c = """
                #include <stdio.h>

                int add(int a, int b);

                struct point {
                    int x;
                };

                /* Adds. */
                int add(int a, int b)
                {
                    return a + b; /* } */
                }
                """;
        FileUnits units = split("a.c", "c", c);
        assertThat(ranges(units)).containsExactly("struct point 5-7", "function add 9-13");
        assertThat(units.header()).isEqualTo("#include <stdio.h>\n");
    }

    @Test
    void cppClassesAndFunctionsInsideNamespaces() {
        String cpp = """
                #include <string>

                namespace acme {

                class Greeter {
                 public:
                  std::string greet() const { return "}"; }
                };

                std::string Greeter::name() const {
                  return "n";
                }

                }  // namespace acme
                """;
        assertThat(ranges(split("a.cpp", "cpp", cpp)))
                .containsExactly("class Greeter 5-8", "function Greeter::name 10-12");
    }

    @Test
    void csharpTypesInsideABlockNamespaceWithAttributes() {
        String cs = """
                using System;

                namespace Acme.Shapes
                {
                    [Serializable]
                    public class Circle
                    {
                        public double Area() => Math.PI;
                    }

                    public interface IShape { }
                }
                """;
        assertThat(ranges(split("a.cs", "csharp", cs))).containsExactly("class Circle 5-9", "interface IShape 11-11");
    }

    @Test
    void rubyClassesModulesAndMethods() {
        String ruby = """
                require 'json'

                # A point.
                class Point
                  def initialize(x)
                    @x = x
                  end
                end

                def helper(x) = x * 2

                def parse(s)
                  JSON.parse(s)
                end
                """;
        FileUnits units = split("a.rb", "ruby", ruby);
        assertThat(ranges(units)).containsExactly("class Point 3-8", "function helper 10-10", "function parse 12-14");
        assertThat(units.header()).isEqualTo("require 'json'\n");
    }

    @Test
    void phpClassesAndFunctions() {
        String php = """
                <?php
                namespace App;

                use App\\Models\\User;

                final class Greeter
                {
                    public function greet(string $name): string
                    {
                        return "Hello {$name}";
                    }
                }

                function helper(): int { return 1; }
                """;
        assertThat(ranges(split("a.php", "php", php))).containsExactly("class Greeter 6-12", "function helper 14-14");
    }

    @Test
    void otherLanguagesAreOneWholeFileUnit() {
        assertThat(ranges(split("a.swift", "swift", "func a() {}\nfunc b() {}\n")))
                .containsExactly("file a.swift 1-2");
    }
}
